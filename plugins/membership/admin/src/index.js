// The membership plugin's admin screens (kaidian_register_admin_screens in ../../hooks.py).
export { default as MembershipTiers } from "./MembershipTiers.vue";
