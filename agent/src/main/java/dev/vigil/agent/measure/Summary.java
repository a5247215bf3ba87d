package dev.vigil.agent.measure;

import java.util.Collection;

/**
 * A distribution in five numbers, in the values' own unit (milliseconds for every measure).
 * Percentiles are nearest-rank, so every value reported was really observed. {@code sum} is the
 * total of the values as given (what an OpenTelemetry histogram's sum holds, for the live measures),
 * to a thousandth. With no samples the four values are null (JSON has no NaN).
 */
public record Summary(int count, Double median, Double p95, Double max, Double sum) {

    public static Summary of(Collection<Double> values) {
        if (values.isEmpty()) {
            return new Summary(0, null, null, null, null);
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Summary(sorted.length, median(sorted), percentile(sorted, 95), sorted[sorted.length - 1],
                thousandth(sum));
    }

    /** Nearest-rank percentile of sorted values. */
    public static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : thousandth((sorted[n / 2 - 1] + sorted[n / 2]) / 2);
    }

    /** To a thousandth: 432.70000000000005 is float noise, not a figure. */
    private static double thousandth(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    @Override
    public String toString() {
        return count == 0 ? "n=0" : String.format("n=%d median=%.0f p95=%.0f max=%.0f", count, median, p95, max);
    }

}
