// The admin's own Element Plus (already installed on the app), shared with plugin screens.
export * from "element-plus";
export { default } from "element-plus";
