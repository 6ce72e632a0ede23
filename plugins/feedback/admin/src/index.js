// The feedback plugin's admin screen (kaidian_register_admin_screens in ../../hooks.py).
export { default as FeedbackScreen } from "./FeedbackScreen.vue";
