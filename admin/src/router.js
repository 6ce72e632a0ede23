import { createRouter, createWebHashHistory } from "vue-router";
import { session } from "./session.js";
import { guardPluginScreens } from "./plugin-screens.js";

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: "/login", name: "login", component: () => import("./views/Login.vue"), meta: { public: true } },
    { path: "/invitation/:token", name: "invitation", component: () => import("./views/Invitation.vue"), meta: { public: true } },
    {
      path: "/",
      name: "layout", // plugin screens are added under it (plugin-screens.js)
      component: () => import("./views/Layout.vue"),
      children: [
        { path: "", redirect: "/dashboard" },
        { path: "dashboard", name: "dashboard", component: () => import("./views/Dashboard.vue") },
        { path: "analytics", name: "analytics", component: () => import("./views/Analytics.vue") },
        { path: "builder", name: "builder", component: () => import("./views/Editor.vue") },
        { path: "products", name: "products", component: () => import("./views/Products.vue") },
        { path: "categories", name: "categories", component: () => import("./views/Categories.vue") },
        { path: "orders", name: "orders", component: () => import("./views/Orders.vue") },
        { path: "refunds", name: "refunds", component: () => import("./views/Refunds.vue") },
        { path: "plugins", name: "plugins", component: () => import("./views/Plugins.vue") },
        { path: "staff", name: "staff", component: () => import("./views/Staff.vue") },
        { path: "customers", name: "customers", component: () => import("./views/Customers.vue") },
        { path: "webhooks", name: "webhooks", component: () => import("./views/Webhooks.vue") },
        { path: "agency", name: "agency", component: () => import("./views/Agency.vue") },
        { path: ":rest(.*)*", name: "missing", component: () => import("./views/Missing.vue") },
      ],
    },
  ],
});

router.beforeEach((to) => {
  if (!to.meta.public && !session.data) return { name: "login", query: { next: to.fullPath } };
});

guardPluginScreens(router, session);
