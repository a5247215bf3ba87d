package dev.vigil.agent.measure;

import java.util.Collection;

/**
 * A distribution in four numbers. Percentiles are nearest-rank, so every value reported was really
 * observed. With no samples the three values are null (JSON has no NaN).
 */
public record Summary(int count, Double median, Double p95, Double max) {

    public static Summary of(Collection<Double> values) {
        if (values.isEmpty()) {
            return new Summary(0, null, null, null);
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Summary(sorted.length, median(sorted), percentile(sorted, 95), sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile of sorted values. */
    public static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        // The mean of two, to a thousandth: 432.70000000000005 is float noise, not a figure.
        return n % 2 == 1 ? sorted[n / 2] : Math.round((sorted[n / 2 - 1] + sorted[n / 2]) / 2 * 1000) / 1000.0;
    }

    @Override
    public String toString() {
        return count == 0 ? "n=0" : String.format("n=%d median=%.0f p95=%.0f max=%.0f", count, median, p95, max);
    }

}
