using System.Diagnostics;
using System.Text;
using CsCheck;
using Sim.Core.Errors;
using Xunit.Abstractions;

namespace Sim.Tests.Fuzz;

/// <summary>One edit of a valid input: what to do, where (taken modulo the length) and with what.</summary>
public readonly record struct Edit(int Kind, int At, int Arg, byte Byte);

/// <summary>
/// Inputs for the fuzz tests: a valid file with a few random edits (bytes flipped, spans deleted,
/// duplicated or cut, tokens that break parsers inserted), or plain random bytes. Small on purpose:
/// every input runs in well under a millisecond or two.
/// </summary>
public static class Mutations
{
    private static readonly byte[][] Tokens = new[]
    {
        "[", "]", "{", "}", "(", ")", ",", ":", ": ", "- ", "\n", "\n  ", " ", "'", "\"", "\\", "!!str ", "!!float ", "!!int ",
        "!!bool ", "!custom ", "&a ", "*a", "*b", "\0", "#", "---\n", "...\n", "? ", "|\n", ">\n", "-1", "0", "4.9e-324",
        "2147483647", "2147483648", "1073741824", "99999999999999999999", ".inf", ".nan", "null", "~", "True", "false", "\t",
        "é", "\r", "\uFEFF", "\u0085", "%YAML 1.1\n", "<<: *a\n", "1e308", "0x10", "0o17", "1_000", "L", "None",
        new string('[', 100), new string('(', 100), new string('{', 100),
    }.Select(Encoding.UTF8.GetBytes).ToArray();

    private static readonly Gen<Edit> EditGen =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Byte, (k, a, b, c) => new Edit(k, a, b, c));

    /// <summary>The seed with 1 to <paramref name="maxEdits"/> edits, or (one time in eight) random bytes.</summary>
    public static Gen<byte[]> Of(byte[] seed, int maxEdits = 4) =>
        Gen.Frequency(
            (7, EditGen.Array[1, maxEdits].Select(edits => Apply(seed, edits))),
            (1, Gen.Byte.Array[0, 256]));

    public static byte[] Apply(byte[] seed, Edit[] edits)
    {
        var b = new List<byte>(seed);
        foreach (var e in edits)
        {
            int at = b.Count == 0 ? 0 : e.At % (b.Count + 1);
            switch (e.Kind)
            {
                case 0 when at < b.Count: b[at] ^= (byte)(e.Byte | 1); break;
                case 1: b.RemoveRange(at, Math.Min(1 + e.Arg % 16, b.Count - at)); break;
                case 2: b.InsertRange(at, Tokens[e.Arg % Tokens.Length]); break;
                case 3: b.RemoveRange(at, b.Count - at); break;
                case 4: b.InsertRange(at, b.GetRange(at, Math.Min(1 + e.Arg % 64, b.Count - at))); break;
                case 5: b.Insert(at, e.Byte); break;
                default: b.InsertRange(at, Tokens[e.Arg % Tokens.Length]); b.InsertRange(Math.Min(b.Count, at + 1 + e.Arg % 40), Tokens[e.Byte % Tokens.Length]); break;
            }
        }
        return b.ToArray();
    }

    /// <summary>
    /// Runs <paramref name="check"/> on <paramref name="iterations"/> inputs: each must give a value
    /// or an <see cref="InputException"/>; any other exception fails (CsCheck shrinks the input and
    /// prints its seed). Reports how many inputs ran and how long they took.
    /// </summary>
    public static void ValueOrInputError<T>(Gen<T> gen, Action<T> check, long iterations, ITestOutputHelper output, string what, int threads = -1)
    {
        long count = 0;
        var sw = Stopwatch.StartNew();
        gen.Sample(input =>
        {
            Interlocked.Increment(ref count);
            try { check(input); }
            catch (InputException) { /* the expected answer to bad input */ }
        }, iter: iterations, threads: threads, print: Print);
        var line = $"fuzz {what}: {Interlocked.Read(ref count)} inputs, 0 crashes, {sw.Elapsed.TotalSeconds:F2} s";
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static string Print<T>(T input) => input switch
    {
        byte[] bytes => $"{bytes.Length} bytes: " + Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 2000)]).Replace("\0", "\\0"),
        string[] args => string.Join(" ", args.Select(a => $"'{a}'")),
        _ => input?.ToString() ?? "null",
    };
}
