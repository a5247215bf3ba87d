/**
 * The report page, {@code report.html}: a self-contained page beside every {@code report.json}, for a
 * person to look at ({@link dev.vigil.launch.report.ReportPage}; docs/report.md, "The report page").
 */
package dev.vigil.launch.report;
