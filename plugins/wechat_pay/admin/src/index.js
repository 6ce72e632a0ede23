// The WeChat Pay plugin's admin screen (kaidian_register_admin_screens in ../../hooks.py).
export { default as WechatPayAccount } from "./WechatPayAccount.vue";
