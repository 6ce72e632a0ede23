import { defineComponent as X, h as V, ref as v, reactive as Z, onMounted as ee, resolveComponent as k, resolveDirective as ae, withDirectives as te, openBlock as _, createElementBlock as T, createElementVNode as h, toDisplayString as s, unref as e, createBlock as x, withCtx as i, createTextVNode as f, createCommentVNode as A, createVNode as l, withModifiers as le, Fragment as re, renderList as oe } from "vue";
import { ElTag as Y, ElButton as C, ElInput as P, ElMessage as W, ElMessageBox as ne } from "element-plus";
import { Plus as ie } from "@element-plus/icons-vue";
import { createTranslator as se, when as ce, api as S, ApiError as pe, fieldErrors as de } from "@kaidian/admin";
const ue = (D, a) => {
  const b = D.__vccOpts || D;
  for (const [E, I] of a)
    b[E] = I;
  return b;
}, me = { class: "head" }, fe = { class: "page-title" }, _e = { class: "hint" }, he = { class: "hint" }, ye = ["data-test"], ve = { class: "hint" }, ke = { class: "actions" }, K = "/api/admin/wechat-pay/account", be = {
  __name: "WechatPayAccount",
  setup(D) {
    const a = se({
      "zh-CN": {
        title: "微信支付",
        configured: "已配置",
        notConfigured: "未配置",
        merchant: "商户号与小程序",
        mchid: "商户号",
        mchidHint: "8–12 位数字",
        appid: "小程序 AppID",
        appSecret: "小程序 AppSecret",
        appSecretHelp: "用于顾客以本店小程序登录；不填则使用平台默认的小程序登录。",
        serial: "商户 API 证书序列号",
        privateKey: "商户 API 私钥",
        apiv3Key: "APIv3 密钥",
        platformKeys: "微信支付平台公钥 / 平台证书",
        platformHelp: "填写后将替换已保存的全部平台公钥；轮换期间可填写多个。",
        platformSerial: "公钥 ID / 证书序列号",
        platformPem: "公钥或证书（PEM）",
        kind: "类型",
        "kind.public_key": "平台公钥",
        "kind.certificate": "平台证书",
        fingerprint: "指纹",
        expires: "到期时间",
        addKey: "添加平台公钥",
        replaceKeys: "替换平台公钥",
        removeKey: "移除",
        notifications: "通知地址",
        notifyHelp: "请在微信支付商户平台填写以下地址。",
        notifyUrl: "支付通知",
        refundNotifyUrl: "退款通知",
        isSet: "已设置",
        notSet: "未设置",
        keepHint: "留空则保持不变",
        change: "修改",
        clear: "清除",
        cleared: "保存后清除",
        save: "保存",
        saved: "已保存",
        check: "测试连接",
        remove: "删除配置",
        removeConfirm: "删除后本店将无法使用微信支付收款，确定删除吗？",
        removed: "已删除",
        cancel: "取消",
        confirm: "删除",
        sandboxOn: "沙箱模式已开启（开发环境）",
        sandboxOff: "正式模式：顾客通过本店的微信支付商户号付款",
        sandboxHelp: "服务器以 KAIDIAN_WECHAT_PROVIDER=sandbox 运行：未保存商户号的店铺使用沙箱支付，不会真实扣款；保存商户号后本店始终使用微信支付。"
      },
      en: {
        title: "WeChat Pay",
        configured: "Configured",
        notConfigured: "Not configured",
        merchant: "Merchant and mini-program",
        mchid: "Merchant ID",
        mchidHint: "8–12 digits",
        appid: "Mini-program AppID",
        appSecret: "Mini-program AppSecret",
        appSecretHelp: "Logs customers in with this shop's own mini-program; leave it empty for the platform's default login.",
        serial: "Merchant certificate serial",
        privateKey: "Merchant API private key",
        apiv3Key: "APIv3 key",
        platformKeys: "WeChat Pay platform keys / certificates",
        platformHelp: "Keys entered here replace every saved platform key; list several during a rotation.",
        platformSerial: "Key ID / certificate serial",
        platformPem: "Public key or certificate (PEM)",
        kind: "Kind",
        "kind.public_key": "Public key",
        "kind.certificate": "Certificate",
        fingerprint: "Fingerprint",
        expires: "Expires",
        addKey: "Add a platform key",
        replaceKeys: "Replace platform keys",
        removeKey: "Remove",
        notifications: "Notification URLs",
        notifyHelp: "Enter these in the WeChat Pay merchant platform.",
        notifyUrl: "Payments",
        refundNotifyUrl: "Refunds",
        isSet: "Set",
        notSet: "Not set",
        keepHint: "Leave empty to keep it",
        change: "Change",
        clear: "Clear",
        cleared: "Cleared on save",
        save: "Save",
        saved: "Saved",
        check: "Test the connection",
        remove: "Remove",
        removeConfirm: "The shop will stop taking WeChat Pay. Remove the account?",
        removed: "Removed",
        cancel: "Cancel",
        confirm: "Remove",
        sandboxOn: "Sandbox mode is on (development)",
        sandboxOff: "Live: customers pay through this shop's WeChat Pay merchant account",
        sandboxHelp: "The server runs with KAIDIAN_WECHAT_PROVIDER=sandbox: shops without an account take free sandbox payments; once an account is saved the shop always uses WeChat Pay."
      }
    }), b = X({
      props: { modelValue: { type: String, default: null }, saved: { type: Object, default: null }, multiline: Boolean, clearable: Boolean, field: { type: String, required: !0 } },
      emits: ["update:modelValue"],
      setup(t, { emit: o }) {
        return () => {
          var N, R;
          const y = (N = t.saved) == null ? void 0 : N.is_set, m = V(Y, { size: "small", type: y ? "success" : "info", "data-test": `${t.field}-state` }, () => a(y ? "isSet" : "notSet")), w = (R = t.saved) != null && R.fingerprint ? V("span", { style: "color: #909399; font-size: 12px; font-family: monospace" }, t.saved.fingerprint) : null, M = t.clearable && y ? V(C, { link: !0, type: "danger", "data-test": `${t.field}-clear`, onClick: () => o("update:modelValue", "") }, () => t.modelValue === "" ? a("cleared") : a("clear")) : null, H = V(P, {
            modelValue: t.modelValue ?? "",
            "onUpdate:modelValue": (U) => o("update:modelValue", U === "" ? null : U),
            type: t.multiline ? "textarea" : "password",
            rows: t.multiline ? 4 : void 0,
            showPassword: !t.multiline,
            autocomplete: "new-password",
            placeholder: y ? a("keepHint") : t.multiline ? "-----BEGIN PRIVATE KEY-----" : "",
            "data-test": t.field
          }), O = V("div", { style: "display: flex; align-items: center; gap: 8px; margin-bottom: 6px" }, [m, w, M]);
          return V("div", { style: "width: 100%" }, [O, H]);
        };
      }
    }), E = v(!0), I = v(!1), $ = v(!1), d = v(null), u = v(null), g = v(null), p = v({}), n = Z({ mchid: "", appid: "", merchant_serial_no: "", merchant_private_key_pem: null, apiv3_key: null, app_secret: null, platform_keys: [] });
    function q(t) {
      u.value = t, Object.assign(n, {
        mchid: (t == null ? void 0 : t.mchid) ?? "",
        appid: (t == null ? void 0 : t.appid) ?? "",
        merchant_serial_no: (t == null ? void 0 : t.merchant_serial_no) ?? "",
        merchant_private_key_pem: null,
        apiv3_key: null,
        app_secret: null,
        platform_keys: t ? [] : [{ serial: "", pem: "" }]
      });
    }
    async function L() {
      E.value = !0;
      try {
        d.value = await S.get(`${K}/setup`), q(d.value.has_account ? await S.get(K) : null);
      } finally {
        E.value = !1;
      }
    }
    function j() {
      const t = n.platform_keys.filter((o) => o.serial || o.pem);
      return {
        mchid: n.mchid.trim(),
        appid: n.appid.trim(),
        merchant_serial_no: n.merchant_serial_no.trim(),
        merchant_private_key_pem: n.merchant_private_key_pem,
        apiv3_key: n.apiv3_key,
        app_secret: n.app_secret,
        platform_keys: t.length ? t.map((o) => ({ serial: o.serial.trim(), pem: o.pem })) : null
      };
    }
    async function G() {
      I.value = !0, p.value = {};
      try {
        q(await S.put(K, j())), d.value = await S.get(`${K}/setup`), g.value = null, W.success(a("saved"));
      } catch (t) {
        if (!(t instanceof pe)) throw t;
        p.value = de(t), W.error(t.message);
      } finally {
        I.value = !1;
      }
    }
    async function J() {
      $.value = !0;
      try {
        g.value = await S.post(`${K}/check`);
      } catch (t) {
        g.value = { ok: !1, message: t.message };
      } finally {
        $.value = !1;
      }
    }
    async function Q() {
      try {
        await ne.confirm(a("removeConfirm"), a("remove"), { type: "warning", confirmButtonText: a("confirm"), cancelButtonText: a("cancel") });
      } catch {
        return;
      }
      await S.delete(K), W.success(a("removed")), await L();
    }
    return ee(L), (t, o) => {
      var U;
      const y = k("el-alert"), m = k("el-form-item"), w = k("el-table-column"), M = k("el-table"), H = k("el-descriptions-item"), O = k("el-descriptions"), N = k("el-form"), R = ae("loading");
      return te((_(), T("div", null, [
        h("div", me, [
          h("h2", fe, s(e(a)("title")), 1),
          d.value ? (_(), x(e(Y), {
            key: 0,
            type: d.value.has_account ? "success" : "info",
            "data-test": "wechat-pay-state"
          }, {
            default: i(() => [
              f(s(d.value.has_account ? e(a)("configured") : e(a)("notConfigured")), 1)
            ]),
            _: 1
          }, 8, ["type"])) : A("", !0)
        ]),
        (U = d.value) != null && U.sandbox ? (_(), x(y, {
          key: 0,
          type: "warning",
          closable: !1,
          "show-icon": "",
          class: "block",
          "data-test": "wechat-pay-sandbox",
          title: e(a)("sandboxOn"),
          description: e(a)("sandboxHelp")
        }, null, 8, ["title", "description"])) : d.value ? (_(), x(y, {
          key: 1,
          type: "info",
          closable: !1,
          "show-icon": "",
          class: "block",
          "data-test": "wechat-pay-live",
          title: e(a)("sandboxOff")
        }, null, 8, ["title"])) : A("", !0),
        l(N, {
          "label-width": "170px",
          class: "form",
          "data-test": "wechat-pay-form",
          onSubmit: o[7] || (o[7] = le(() => {
          }, ["prevent"]))
        }, {
          default: i(() => {
            var z, F;
            return [
              h("h3", null, s(e(a)("merchant")), 1),
              l(m, {
                label: e(a)("mchid"),
                error: p.value.mchid,
                required: ""
              }, {
                default: i(() => [
                  l(e(P), {
                    modelValue: n.mchid,
                    "onUpdate:modelValue": o[0] || (o[0] = (r) => n.mchid = r),
                    maxlength: "12",
                    placeholder: e(a)("mchidHint"),
                    "data-test": "wechat-mchid"
                  }, null, 8, ["modelValue", "placeholder"])
                ]),
                _: 1
              }, 8, ["label", "error"]),
              l(m, {
                label: e(a)("appid"),
                error: p.value.appid,
                required: ""
              }, {
                default: i(() => [
                  l(e(P), {
                    modelValue: n.appid,
                    "onUpdate:modelValue": o[1] || (o[1] = (r) => n.appid = r),
                    maxlength: "18",
                    placeholder: "wx…",
                    "data-test": "wechat-appid"
                  }, null, 8, ["modelValue"])
                ]),
                _: 1
              }, 8, ["label", "error"]),
              l(m, {
                label: e(a)("appSecret"),
                error: p.value.app_secret
              }, {
                default: i(() => {
                  var r;
                  return [
                    l(e(b), {
                      modelValue: n.app_secret,
                      "onUpdate:modelValue": o[2] || (o[2] = (c) => n.app_secret = c),
                      saved: (r = u.value) == null ? void 0 : r.app_secret,
                      clearable: !0,
                      field: "wechat-app-secret"
                    }, null, 8, ["modelValue", "saved"]),
                    h("div", _e, s(e(a)("appSecretHelp")), 1)
                  ];
                }),
                _: 1
              }, 8, ["label", "error"]),
              l(m, {
                label: e(a)("serial"),
                error: p.value.merchant_serial_no,
                required: ""
              }, {
                default: i(() => [
                  l(e(P), {
                    modelValue: n.merchant_serial_no,
                    "onUpdate:modelValue": o[3] || (o[3] = (r) => n.merchant_serial_no = r),
                    maxlength: "64",
                    "data-test": "wechat-serial"
                  }, null, 8, ["modelValue"])
                ]),
                _: 1
              }, 8, ["label", "error"]),
              l(m, {
                label: e(a)("privateKey"),
                error: p.value.merchant_private_key_pem,
                required: !u.value
              }, {
                default: i(() => {
                  var r;
                  return [
                    l(e(b), {
                      modelValue: n.merchant_private_key_pem,
                      "onUpdate:modelValue": o[4] || (o[4] = (c) => n.merchant_private_key_pem = c),
                      saved: (r = u.value) == null ? void 0 : r.merchant_private_key,
                      multiline: "",
                      field: "wechat-private-key"
                    }, null, 8, ["modelValue", "saved"])
                  ];
                }),
                _: 1
              }, 8, ["label", "error", "required"]),
              l(m, {
                label: e(a)("apiv3Key"),
                error: p.value.apiv3_key,
                required: !u.value
              }, {
                default: i(() => {
                  var r;
                  return [
                    l(e(b), {
                      modelValue: n.apiv3_key,
                      "onUpdate:modelValue": o[5] || (o[5] = (c) => n.apiv3_key = c),
                      saved: (r = u.value) == null ? void 0 : r.apiv3_key,
                      field: "wechat-apiv3-key"
                    }, null, 8, ["modelValue", "saved"])
                  ];
                }),
                _: 1
              }, 8, ["label", "error", "required"]),
              h("h3", null, s(e(a)("platformKeys")), 1),
              h("p", he, s(e(a)("platformHelp")), 1),
              (F = (z = u.value) == null ? void 0 : z.platform_keys) != null && F.length ? (_(), x(M, {
                key: 0,
                data: u.value.platform_keys,
                border: "",
                size: "small",
                class: "block",
                "data-test": "wechat-platform-saved"
              }, {
                default: i(() => [
                  l(w, {
                    prop: "serial",
                    label: e(a)("platformSerial"),
                    "min-width": "200"
                  }, null, 8, ["label"]),
                  l(w, {
                    label: e(a)("kind"),
                    width: "120"
                  }, {
                    default: i(({ row: r }) => [
                      f(s(e(a)(`kind.${r.kind}`)), 1)
                    ]),
                    _: 1
                  }, 8, ["label"]),
                  l(w, {
                    prop: "fingerprint",
                    label: e(a)("fingerprint"),
                    "min-width": "220"
                  }, null, 8, ["label"]),
                  l(w, {
                    label: e(a)("expires"),
                    width: "170"
                  }, {
                    default: i(({ row: r }) => [
                      f(s(r.expires_at ? e(ce)(r.expires_at) : "—"), 1)
                    ]),
                    _: 1
                  }, 8, ["label"])
                ]),
                _: 1
              }, 8, ["data"])) : A("", !0),
              (_(!0), T(re, null, oe(n.platform_keys, (r, c) => (_(), T("div", {
                key: c,
                class: "platform",
                "data-test": `wechat-platform-${c}`
              }, [
                l(m, {
                  label: e(a)("platformSerial"),
                  error: p.value[`platform_keys[${c}].serial`] || p.value[`platform_keys.${c}.serial`]
                }, {
                  default: i(() => [
                    l(e(P), {
                      modelValue: r.serial,
                      "onUpdate:modelValue": (B) => r.serial = B,
                      maxlength: "80",
                      placeholder: "PUB_KEY_ID_…",
                      "data-test": "wechat-platform-serial"
                    }, null, 8, ["modelValue", "onUpdate:modelValue"])
                  ]),
                  _: 2
                }, 1032, ["label", "error"]),
                l(m, {
                  label: e(a)("platformPem"),
                  error: p.value[`platform_keys[${c}].pem`] || p.value[`platform_keys.${c}.pem`]
                }, {
                  default: i(() => [
                    l(e(P), {
                      modelValue: r.pem,
                      "onUpdate:modelValue": (B) => r.pem = B,
                      type: "textarea",
                      rows: 4,
                      placeholder: "-----BEGIN PUBLIC KEY-----",
                      "data-test": "wechat-platform-pem"
                    }, null, 8, ["modelValue", "onUpdate:modelValue"])
                  ]),
                  _: 2
                }, 1032, ["label", "error"]),
                l(e(C), {
                  link: "",
                  type: "danger",
                  onClick: (B) => n.platform_keys.splice(c, 1)
                }, {
                  default: i(() => [
                    f(s(e(a)("removeKey")), 1)
                  ]),
                  _: 1
                }, 8, ["onClick"])
              ], 8, ye))), 128)),
              l(m, {
                error: p.value.platform_keys
              }, {
                default: i(() => [
                  l(e(C), {
                    icon: e(ie),
                    "data-test": "wechat-add-platform",
                    onClick: o[6] || (o[6] = (r) => n.platform_keys.push({ serial: "", pem: "" }))
                  }, {
                    default: i(() => {
                      var r, c;
                      return [
                        f(s((c = (r = u.value) == null ? void 0 : r.platform_keys) != null && c.length ? e(a)("replaceKeys") : e(a)("addKey")), 1)
                      ];
                    }),
                    _: 1
                  }, 8, ["icon"])
                ]),
                _: 1
              }, 8, ["error"]),
              h("h3", null, s(e(a)("notifications")), 1),
              h("p", ve, s(e(a)("notifyHelp")), 1),
              d.value ? (_(), x(O, {
                key: 1,
                column: 1,
                border: "",
                size: "small",
                class: "block",
                "data-test": "wechat-notify-urls"
              }, {
                default: i(() => [
                  l(H, {
                    label: e(a)("notifyUrl")
                  }, {
                    default: i(() => [
                      f(s(d.value.notify_url), 1)
                    ]),
                    _: 1
                  }, 8, ["label"]),
                  l(H, {
                    label: e(a)("refundNotifyUrl")
                  }, {
                    default: i(() => [
                      f(s(d.value.refund_notify_url), 1)
                    ]),
                    _: 1
                  }, 8, ["label"])
                ]),
                _: 1
              })) : A("", !0),
              h("div", ke, [
                l(e(C), {
                  type: "primary",
                  loading: I.value,
                  "data-test": "save-wechat-pay",
                  onClick: G
                }, {
                  default: i(() => [
                    f(s(e(a)("save")), 1)
                  ]),
                  _: 1
                }, 8, ["loading"]),
                l(e(C), {
                  disabled: !u.value,
                  loading: $.value,
                  "data-test": "check-wechat-pay",
                  onClick: J
                }, {
                  default: i(() => [
                    f(s(e(a)("check")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled", "loading"]),
                l(e(C), {
                  type: "danger",
                  plain: "",
                  disabled: !u.value,
                  "data-test": "delete-wechat-pay",
                  onClick: Q
                }, {
                  default: i(() => [
                    f(s(e(a)("remove")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled"])
              ]),
              g.value ? (_(), x(y, {
                key: 2,
                class: "block",
                type: g.value.ok ? "success" : "error",
                closable: !1,
                "show-icon": "",
                title: g.value.message,
                "data-test": "wechat-check-result"
              }, null, 8, ["type", "title"])) : A("", !0)
            ];
          }),
          _: 1
        })
      ])), [
        [R, E.value]
      ]);
    };
  }
}, Ce = /* @__PURE__ */ ue(be, [["__scopeId", "data-v-275c83ba"]]);
export {
  Ce as WechatPayAccount
};
