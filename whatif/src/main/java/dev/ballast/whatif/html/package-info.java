/**
 * The what-if report as one self-contained HTML page: the reports module's page layout and chart
 * drawing, with this module's template ({@code src/main/jte/whatif/}) and charts per case.
 */
package dev.ballast.whatif.html;
