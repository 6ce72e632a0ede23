// The community group plugin's admin screens (kaidian_register_admin_screens in ../../hooks.py).
export { default as CommunityGroup } from "./CommunityGroup.vue";
