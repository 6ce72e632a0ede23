// Lent to plugin screens as "@kaidian/charts" (the import map in index.html): the admin's ECharts
// with the charts its analytics screens register, so a plugin draws charts without bundling its own.
export { VChart } from "../analytics/charts.js";
