// The AR preview plugin's admin screen (kaidian_register_admin_screens in ../../hooks.py).
export { default as ArModels } from "./ArModels.vue";
