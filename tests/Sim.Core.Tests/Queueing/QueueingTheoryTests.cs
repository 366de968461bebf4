namespace Sim.Core.Tests.Queueing;

/// <summary>
/// Single-server queues against their closed-form answers. 200,000 customers per run, fixed seeds
/// (the runs are deterministic, so these cannot flake). Tolerances: over 16 seeds the relative
/// standard deviation of the estimates was at most 1.2 % for mean waits and queue lengths and
/// 0.3 % for utilization, so 5 % and 1.5 % are about four standard deviations, while the wrong
/// discipline (e.g. FIFO instead of priorities) misses by 40 % or more.
/// </summary>
public class QueueingTheoryTests
{
    private const int Customers = 200_000;
    private const int Seed = 1;

    [Fact]
    public void MM1MatchesUtilizationWaitAndQueueLength()
    {
        // lambda = 0.5, mu = 1: rho = 0.5, Wq = rho / (mu - lambda) = 1, Lq = lambda Wq = 0.5.
        const double lambda = 0.5, mu = 1.0, rho = lambda / mu;
        var run = QueueRuns.Run(Seed, Customers, [lambda], rng => QueueRuns.Exponential(rng, mu), ServerKind.Fifo);
        var monitor = run.Monitor;

        Assert.Equal(Customers, monitor.WaitingTime.Count);
        AssertClose(rho, monitor.Utilization, 0.015);
        AssertClose(rho / (mu - lambda), monitor.WaitingTime.Mean, 0.05);
        AssertClose(lambda * rho / (mu - lambda), monitor.QueueLength.Mean, 0.05);
        // The monitor's wait is the customers' own measurement; the queue starts and ends empty, so
        // the queue-length integral is exactly the sum of the waits (Little's law without end effects).
        Assert.Equal(run.MeanWait[0], monitor.WaitingTime.Mean, 9);
        AssertClose(Customers / run.Duration * monitor.WaitingTime.Mean, monitor.QueueLength.Mean, 1e-9);
        Assert.Equal(0.0, monitor.WaitingTime.Min);
    }

    [Fact]
    public void MD1MatchesPollaczekKhinchine()
    {
        // Deterministic service 1, lambda = 0.5: Wq = rho / (2 mu (1 - rho)) = 0.5, Lq = 0.25.
        const double lambda = 0.5, mu = 1.0, rho = lambda / mu;
        var run = QueueRuns.Run(Seed, Customers, [lambda], _ => 1 / mu, ServerKind.Fifo);
        double wq = rho / (2 * mu * (1 - rho));

        AssertClose(rho, run.Monitor.Utilization, 0.015);
        AssertClose(wq, run.Monitor.WaitingTime.Mean, 0.05);
        AssertClose(lambda * wq, run.Monitor.QueueLength.Mean, 0.05);
        Assert.Equal(1.0, run.Monitor.Level.Max); // one server
    }

    [Fact]
    public void MD1WithTwoNonPreemptivePriorityClassesMatchesCobham()
    {
        // Two classes of 0.3 each, service 1. W0 = sum lambda_i E[S_i^2] / 2 = 0.3;
        // W_k = W0 / ((1 - sigma_{k-1}) (1 - sigma_k)): W1 = 0.3 / 0.7 = 0.4286, W2 = 0.3 / (0.7 * 0.4) = 1.0714.
        // FIFO would give both the M/D/1 wait 0.75.
        double[] lambdas = [0.3, 0.3];
        var run = QueueRuns.Run(Seed, Customers, lambdas, _ => 1.0, ServerKind.Priority);
        double w0 = lambdas.Sum() * 1.0 / 2;
        double sigma1 = lambdas[0], sigma2 = lambdas[0] + lambdas[1];

        AssertClose(w0 / (1 * (1 - sigma1)), run.MeanWait[0], 0.05);
        AssertClose(w0 / ((1 - sigma1) * (1 - sigma2)), run.MeanWait[1], 0.05);
        AssertClose(sigma2, run.Monitor.Utilization, 0.015);
    }

    [Fact]
    public void MM1WithPreemptiveResumePriorityMatchesTheClassFormulas()
    {
        // lambda1 = 0.2 (preempts), lambda2 = 0.3, mu = 1. Class 1 sees an M/M/1 of its own:
        // T1 = 1 / (mu - lambda1) = 1.25. Class 2: T2 = 1 / (mu (1 - sigma1)) + R2 / ((1 - sigma1)(1 - sigma2)),
        // R2 = sum lambda_i E[S^2] / 2 = 0.5, so T2 = 1.25 + 1.25 = 2.5.
        const double mu = 1.0;
        double[] lambdas = [0.2, 0.3];
        var run = QueueRuns.Run(Seed, Customers, lambdas, rng => QueueRuns.Exponential(rng, mu), ServerKind.PreemptiveResume);
        double sigma1 = lambdas[0] / mu, sigma2 = (lambdas[0] + lambdas[1]) / mu;
        double r2 = (lambdas[0] + lambdas[1]) * (2 / (mu * mu)) / 2;

        AssertClose(1 / (mu - lambdas[0]), run.MeanSojourn[0], 0.05);
        AssertClose(1 / (mu * (1 - sigma1)) + r2 / ((1 - sigma1) * (1 - sigma2)), run.MeanSojourn[1], 0.05);
        Assert.Equal(Customers, run.Served.Sum());
    }

    private static void AssertClose(double expected, double actual, double relative)
    {
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected),
            $"expected {expected} within {relative:P1}, got {actual} ({(actual - expected) / expected:+0.00%;-0.00%})");
    }
}
