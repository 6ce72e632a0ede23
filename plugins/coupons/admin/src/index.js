// The coupons plugin's admin screens (kaidian_register_admin_screens in ../../hooks.py).
export { default as CouponTemplates } from "./CouponTemplates.vue";
