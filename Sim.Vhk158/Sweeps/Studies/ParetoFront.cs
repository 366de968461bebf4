namespace Sim.Vhk158.Sweeps.Studies;

/// <summary>
/// The non-dominated points of a set over two objectives: a point is on the front unless another
/// is at least as good on both and better on one. Quadratic, which is nothing next to simulating
/// the points.
/// </summary>
public static class ParetoFront
{
    public static bool[] Of(IReadOnlyList<(double X, double Y)> points, ParetoObjective x, ParetoObjective y)
    {
        double Sx(double v) => x.Maximize ? v : -v;
        double Sy(double v) => y.Maximize ? v : -v;
        var front = new bool[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            front[i] = true;
            for (int j = 0; j < points.Count && front[i]; j++)
            {
                if (i == j) continue;
                double ax = Sx(points[j].X), ay = Sy(points[j].Y), bx = Sx(points[i].X), by = Sy(points[i].Y);
                if (ax >= bx && ay >= by && (ax > bx || ay > by)) front[i] = false;
            }
        }
        return front;
    }
}
