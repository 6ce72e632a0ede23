// The admin's own Element Plus icons, shared with plugin screens.
export * from "@element-plus/icons-vue";
