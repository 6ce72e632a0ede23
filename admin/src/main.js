import { createApp } from "vue";
import ElementPlus from "element-plus";
import "element-plus/dist/index.css";
import * as ElementIcons from "@element-plus/icons-vue";
import App from "./App.vue";
import { router } from "./router.js";
import "./style.css";

const app = createApp(App);
app.use(ElementPlus);
for (const [name, component] of Object.entries(ElementIcons)) app.component(`ElIcon${name}`, component);
app.use(router);
app.mount("#app");
