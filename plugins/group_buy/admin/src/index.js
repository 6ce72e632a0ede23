// The group-buy plugin's admin screens (kaidian_register_admin_screens in ../../hooks.py).
export { default as GroupBuyActivities } from "./GroupBuyActivities.vue";
