import { ref as j, onMounted as z, resolveComponent as d, openBlock as w, createElementBlock as k, createElementVNode as C, toDisplayString as s, unref as e, createVNode as l, withCtx as o, createTextVNode as m, isRef as A, Fragment as G, renderList as I, createBlock as P } from "vue";
import { Plus as q } from "@element-plus/icons-vue";
import { createTranslator as H, useListAndForm as J, api as K, tr as Q } from "@kaidian/admin";
const W = (v, t) => {
  const c = v.__vccOpts || v;
  for (const [b, i] of t)
    c[b] = i;
  return c;
}, X = { class: "head" }, Y = { class: "page-title" }, Z = { class: "muted" }, ee = {
  __name: "MembershipTiers",
  setup(v) {
    const t = H({
      "zh-CN": {
        tiers: "会员等级",
        newTier: "新建等级",
        editTier: "编辑等级",
        noTiers: "还没有会员等级",
        level: "等级",
        threshold: "成长值门槛",
        benefits: "权益",
        noBenefits: "无",
        discount: "会员折扣（减百分之几）",
        noDiscount: "不打折",
        freeShipping: "包邮",
        birthdayCoupon: "生日券",
        none: "不送",
        needsCoupons: "需启用优惠券插件并创建优惠券",
        help: "顾客消费累积成长值，达到门槛自动升级；门槛须随等级升高。"
      },
      en: {
        tiers: "Membership tiers",
        newTier: "New tier",
        editTier: "Edit tier",
        noTiers: "No tiers yet",
        level: "Level",
        threshold: "Growth needed",
        benefits: "Benefits",
        noBenefits: "None",
        discount: "Member discount (% off)",
        noDiscount: "No discount",
        freeShipping: "Free shipping",
        birthdayCoupon: "Birthday coupon",
        none: "None",
        needsCoupons: "Enable the coupons plugin and create a coupon first",
        help: "Customers earn growth by buying and move up as they reach a tier; thresholds rise with the level."
      }
    }), c = (a) => ({
      level: a.level,
      name: a.name,
      threshold: a.threshold,
      discount_percent: a.discount_percent ?? null,
      free_shipping: a.free_shipping,
      birthday_template_id: a.birthday_template_id ?? null
    }), { rows: b, form: i, errors: p, dialogOpen: f, busy: T, canManage: y, openCreate: x, openEdit: B, save: N, remove: M } = J({
      url: "/api/admin/membership/tiers",
      emptyForm: () => ({ id: null, level: 1, name: "", threshold: 0, discount_percent: void 0, free_shipping: !1, birthday_template_id: null }),
      fromRow: (a) => ({ ...c(a), id: a.id, discount_percent: a.discount_percent ?? void 0 }),
      createBody: c
    });
    function U() {
      x(), i.level = Math.min(20, b.value.length + 1);
    }
    const g = j([]);
    return z(async () => {
      g.value = await K.get("/api/admin/coupons/templates").catch(() => []);
    }), (a, r) => {
      const _ = d("el-button"), h = d("el-table-column"), E = d("el-table"), V = d("el-input-number"), u = d("el-form-item"), D = d("el-input"), F = d("el-switch"), S = d("el-option"), L = d("el-select"), $ = d("el-form"), O = d("el-dialog");
      return w(), k("div", null, [
        C("div", X, [
          C("h2", Y, s(e(t)("tiers")), 1),
          l(_, {
            type: "primary",
            icon: e(q),
            disabled: !e(y),
            "data-test": "new-tier",
            onClick: U
          }, {
            default: o(() => [
              m(s(e(t)("newTier")), 1)
            ]),
            _: 1
          }, 8, ["icon", "disabled"])
        ]),
        C("p", Z, s(e(t)("help")), 1),
        l(E, {
          data: e(b),
          border: "",
          "data-test": "tiers",
          "empty-text": e(t)("noTiers")
        }, {
          default: o(() => [
            l(h, {
              prop: "level",
              label: e(t)("level"),
              width: "80"
            }, null, 8, ["label"]),
            l(h, {
              prop: "name",
              label: e(t)("name"),
              "min-width": "120"
            }, null, 8, ["label"]),
            l(h, {
              prop: "threshold",
              label: e(t)("threshold"),
              width: "140"
            }, null, 8, ["label"]),
            l(h, {
              label: e(t)("benefits"),
              "min-width": "260"
            }, {
              default: o(({ row: n }) => [
                m(s(n.benefits.map(e(Q)).join("、") || e(t)("noBenefits")), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            l(h, {
              label: e(t)("actions"),
              width: "140"
            }, {
              default: o(({ row: n }) => [
                l(_, {
                  link: "",
                  type: "primary",
                  disabled: !e(y),
                  onClick: (R) => e(B)(n)
                }, {
                  default: o(() => [
                    m(s(e(t)("edit")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled", "onClick"]),
                l(_, {
                  link: "",
                  type: "danger",
                  disabled: !e(y),
                  onClick: (R) => e(M)(n)
                }, {
                  default: o(() => [
                    m(s(e(t)("remove")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled", "onClick"])
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["data", "empty-text"]),
        l(O, {
          modelValue: e(f),
          "onUpdate:modelValue": r[7] || (r[7] = (n) => A(f) ? f.value = n : null),
          title: e(i).id ? e(t)("editTier") : e(t)("newTier"),
          width: "560px",
          "data-test": "tier-dialog"
        }, {
          footer: o(() => [
            l(_, {
              onClick: r[6] || (r[6] = (n) => f.value = !1)
            }, {
              default: o(() => [
                m(s(e(t)("cancel")), 1)
              ]),
              _: 1
            }),
            l(_, {
              type: "primary",
              loading: e(T),
              "data-test": "save-tier",
              onClick: e(N)
            }, {
              default: o(() => [
                m(s(e(t)("save")), 1)
              ]),
              _: 1
            }, 8, ["loading", "onClick"])
          ]),
          default: o(() => [
            l($, { "label-width": "150px" }, {
              default: o(() => [
                l(u, {
                  label: e(t)("level"),
                  error: e(p).level
                }, {
                  default: o(() => [
                    l(V, {
                      modelValue: e(i).level,
                      "onUpdate:modelValue": r[0] || (r[0] = (n) => e(i).level = n),
                      min: 1,
                      max: 20,
                      precision: 0,
                      "data-test": "tier-level"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                l(u, {
                  label: e(t)("name"),
                  error: e(p).name
                }, {
                  default: o(() => [
                    l(D, {
                      modelValue: e(i).name,
                      "onUpdate:modelValue": r[1] || (r[1] = (n) => e(i).name = n),
                      maxlength: "20",
                      "data-test": "tier-name"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                l(u, {
                  label: e(t)("threshold"),
                  error: e(p).threshold
                }, {
                  default: o(() => [
                    l(V, {
                      modelValue: e(i).threshold,
                      "onUpdate:modelValue": r[2] || (r[2] = (n) => e(i).threshold = n),
                      min: 0,
                      precision: 0,
                      "controls-position": "right",
                      "data-test": "tier-threshold"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                l(u, {
                  label: e(t)("discount"),
                  error: e(p).discount_percent
                }, {
                  default: o(() => [
                    l(V, {
                      modelValue: e(i).discount_percent,
                      "onUpdate:modelValue": r[3] || (r[3] = (n) => e(i).discount_percent = n),
                      min: 1,
                      max: 100,
                      precision: 0,
                      placeholder: e(t)("noDiscount"),
                      "data-test": "tier-discount"
                    }, null, 8, ["modelValue", "placeholder"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                l(u, {
                  label: e(t)("freeShipping"),
                  error: e(p).free_shipping
                }, {
                  default: o(() => [
                    l(F, {
                      modelValue: e(i).free_shipping,
                      "onUpdate:modelValue": r[4] || (r[4] = (n) => e(i).free_shipping = n),
                      "data-test": "tier-free-shipping"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                l(u, {
                  label: e(t)("birthdayCoupon"),
                  error: e(p).birthday_template_id
                }, {
                  default: o(() => [
                    l(L, {
                      modelValue: e(i).birthday_template_id,
                      "onUpdate:modelValue": r[5] || (r[5] = (n) => e(i).birthday_template_id = n),
                      clearable: "",
                      placeholder: g.value.length ? e(t)("none") : e(t)("needsCoupons"),
                      style: { width: "260px" }
                    }, {
                      default: o(() => [
                        (w(!0), k(G, null, I(g.value, (n) => (w(), P(S, {
                          key: n.id,
                          label: n.name,
                          value: n.id
                        }, null, 8, ["label", "value"]))), 128))
                      ]),
                      _: 1
                    }, 8, ["modelValue", "placeholder"])
                  ]),
                  _: 1
                }, 8, ["label", "error"])
              ]),
              _: 1
            })
          ]),
          _: 1
        }, 8, ["modelValue", "title"])
      ]);
    };
  }
}, oe = /* @__PURE__ */ W(ee, [["__scopeId", "data-v-8902b711"]]);
export {
  oe as MembershipTiers
};
