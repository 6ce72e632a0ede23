// ECharts through vue-echarts, with only the charts and components the analytics screens draw
// (on-demand imports keep the admin bundle small).
import { use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { BarChart, FunnelChart, HeatmapChart, LineChart, SankeyChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import VChart from "vue-echarts";

use([CanvasRenderer, BarChart, FunnelChart, HeatmapChart, LineChart, SankeyChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent]);

export { VChart };
