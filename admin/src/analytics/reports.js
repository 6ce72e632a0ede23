// Helpers of the analytics screens and the editor's block heatmap (no chart code here, so the
// editor does not load ECharts).
import { request } from "../api.js";

export const percent = (rate) => (rate == null ? "—" : `${(rate * 100).toFixed(1)}%`);
export const yuan = (fen) => `¥${((fen ?? 0) / 100).toFixed(2)}`;

// "pages/home/index" -> "home", "kd_trade/pages/checkout/index" -> "checkout": the page's route
// name, which is what merchants named their pages in the editor.
export function pageName(route) {
  if (!route) return "—";
  const match = /(?:^|\/)pages\/([^/]+)\/index$/.exec(route);
  return match ? match[1] : route;
}

// Query string of a report: the chosen date range (business time zone, the server's default
// when none is chosen) plus the report's own parameters.
export function reportPath(report, range, params = {}) {
  const query = new URLSearchParams();
  if (range?.[0]) query.set("start", range[0]);
  if (range?.[1]) query.set("end", range[1]);
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") query.set(key, value);
  const text = query.toString();
  return `/api/admin/analytics/${report}${text ? `?${text}` : ""}`;
}

// The same report as CSV (format=csv), saved as a file.
export async function downloadCsv(report, range, params = {}) {
  const response = await request("GET", reportPath(report, range, { ...params, format: "csv" }), undefined, { raw: true });
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: `${report}.csv` });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
