// The ads plugin's admin screen (kaidian_register_admin_screens in ../../hooks.py).
export { default as AdCampaigns } from "./AdCampaigns.vue";
