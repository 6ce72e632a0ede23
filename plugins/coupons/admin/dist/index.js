import { resolveComponent as s, openBlock as f, createElementBlock as N, createElementVNode as T, toDisplayString as d, unref as e, createVNode as l, withCtx as a, createTextVNode as m, isRef as G, Fragment as Y, renderList as Q, createBlock as y, createCommentVNode as k } from "vue";
import { Plus as W } from "@element-plus/icons-vue";
import { createTranslator as M, useListAndForm as R, toFen as q, tr as H, when as A } from "@kaidian/admin";
const J = {
  "zh-CN": {
    coupons: "优惠券",
    newCoupon: "新建优惠券",
    editCoupon: "编辑优惠券",
    noCoupons: "暂无优惠券",
    couponKind: "类型",
    couponTerms: "优惠内容",
    couponValidity: "有效期",
    couponIssued: "已发放/总量",
    "coupon.amount_off": "满减券",
    "coupon.percent_off": "折扣券",
    "coupon.no_threshold": "无门槛券",
    "coupon.shipping": "运费券",
    "coupon.active": "进行中",
    "coupon.stopped": "已停止",
    "coupon.after_claim": "领取后生效",
    "coupon.fixed": "固定时间",
    percentOff: "折扣（减百分之几）",
    amountOffYuan: "减免金额（元）",
    maxDiscountYuan: "最多优惠（元）",
    thresholdYuan: "使用门槛（元）",
    validDays: "领取后有效天数",
    validWindow: "有效时间",
    exclusive: "不可与其他券同用",
    totalQuantity: "发放总量",
    perCustomerLimit: "每人限领",
    claimable: "在领券中心展示",
    newCustomerGift: "新人礼包",
    validDaysAfterClaim: "领取后 {n} 天内有效"
  },
  en: {
    coupons: "Coupons",
    newCoupon: "New coupon",
    editCoupon: "Edit coupon",
    noCoupons: "No coupons yet",
    couponKind: "Kind",
    couponTerms: "Offer",
    couponValidity: "Validity",
    couponIssued: "Issued / total",
    "coupon.amount_off": "Amount off",
    "coupon.percent_off": "Percent off",
    "coupon.no_threshold": "No minimum",
    "coupon.shipping": "Shipping",
    "coupon.active": "Active",
    "coupon.stopped": "Stopped",
    "coupon.after_claim": "Days after claim",
    "coupon.fixed": "Fixed window",
    percentOff: "Percent off",
    amountOffYuan: "Amount off (¥)",
    maxDiscountYuan: "Discount cap (¥)",
    thresholdYuan: "Minimum spend (¥)",
    validDays: "Valid days after claim",
    validWindow: "Valid from – until",
    exclusive: "Not combinable",
    totalQuantity: "Total quantity",
    perCustomerLimit: "Per customer",
    claimable: "In the claim centre",
    newCustomerGift: "New-customer gift",
    validDaysAfterClaim: "{n} days after claim"
  }
}, X = (h, n) => {
  const v = h.__vccOpts || h;
  for (const [w, U] of n)
    v[w] = U;
  return v;
}, Z = { class: "head" }, ee = { class: "page-title" }, oe = {
  __name: "CouponTemplates",
  setup(h) {
    const n = M(J), v = ["amount_off", "percent_off", "no_threshold", "shipping"], w = ["name", "total_quantity", "per_customer_limit", "claimable", "new_customer_gift", "status"], { rows: U, form: i, errors: p, dialogOpen: g, busy: E, canManage: I, openCreate: S, openEdit: $, save: B } = R({
      url: "/api/admin/coupons/templates",
      emptyForm: () => ({
        id: null,
        name: "",
        kind: "amount_off",
        amount: 10,
        percent_off: 10,
        max_discount: void 0,
        threshold: 0,
        validity: "after_claim",
        valid_days: 7,
        window: null,
        exclusive: !1,
        total_quantity: 100,
        per_customer_limit: 1,
        claimable: !0,
        new_customer_gift: !1,
        status: "active"
      }),
      // once created, a template changes only in these fields
      fromRow: (u) => ({ id: u.id, ...Object.fromEntries(w.map((t) => [t, u[t]])) }),
      createBody: L,
      updateBody: (u) => Object.fromEntries(w.map((t) => [t, u[t]]))
    });
    function K(u) {
      return u.validity === "after_claim" ? n("validDaysAfterClaim", { n: u.valid_days }) : `${u.valid_from ? A(u.valid_from) : ""} – ${u.valid_until ? A(u.valid_until) : ""}`;
    }
    function L(u) {
      var _, c, x, C;
      const t = {
        name: u.name,
        kind: u.kind,
        validity: u.validity,
        exclusive: u.exclusive,
        total_quantity: u.total_quantity,
        per_customer_limit: u.per_customer_limit,
        claimable: u.claimable,
        new_customer_gift: u.new_customer_gift,
        threshold_fen: u.kind === "no_threshold" ? 0 : q(u.threshold ?? 0)
      };
      return u.kind === "percent_off" ? Object.assign(t, { percent_off: u.percent_off, max_discount_fen: q(u.max_discount) }) : t.amount_fen = q(u.amount ?? 0), u.validity === "after_claim" ? t.valid_days = u.valid_days : Object.assign(t, { valid_from: ((c = (_ = u.window) == null ? void 0 : _[0]) == null ? void 0 : c.toISOString()) ?? null, valid_until: ((C = (x = u.window) == null ? void 0 : x[1]) == null ? void 0 : C.toISOString()) ?? null }), t;
    }
    return (u, t) => {
      const _ = s("el-button"), c = s("el-table-column"), x = s("el-tag"), C = s("el-table"), F = s("el-input"), r = s("el-form-item"), V = s("el-radio-button"), O = s("el-radio-group"), b = s("el-input-number"), j = s("el-date-picker"), D = s("el-switch"), P = s("el-form"), z = s("el-dialog");
      return f(), N("div", null, [
        T("div", Z, [
          T("h2", ee, d(e(n)("coupons")), 1),
          l(_, {
            type: "primary",
            icon: e(W),
            disabled: !e(I),
            "data-test": "new-coupon",
            onClick: e(S)
          }, {
            default: a(() => [
              m(d(e(n)("newCoupon")), 1)
            ]),
            _: 1
          }, 8, ["icon", "disabled", "onClick"])
        ]),
        l(C, {
          data: e(U),
          border: "",
          "data-test": "coupon-templates",
          "empty-text": e(n)("noCoupons")
        }, {
          default: a(() => [
            l(c, {
              prop: "name",
              label: e(n)("name"),
              "min-width": "160"
            }, null, 8, ["label"]),
            l(c, {
              label: e(n)("couponKind"),
              width: "110"
            }, {
              default: a(({ row: o }) => [
                m(d(e(n)(`coupon.${o.kind}`)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            l(c, {
              label: e(n)("couponTerms"),
              "min-width": "180"
            }, {
              default: a(({ row: o }) => [
                m(d(e(H)(o.title)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            l(c, {
              label: e(n)("couponValidity"),
              "min-width": "200"
            }, {
              default: a(({ row: o }) => [
                m(d(K(o)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            l(c, {
              label: e(n)("couponIssued"),
              width: "120"
            }, {
              default: a(({ row: o }) => [
                m(d(o.issued_count) + " / " + d(o.total_quantity), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            l(c, {
              label: e(n)("status"),
              width: "100"
            }, {
              default: a(({ row: o }) => [
                l(x, {
                  size: "small",
                  type: o.status === "active" ? "success" : "info"
                }, {
                  default: a(() => [
                    m(d(e(n)(`coupon.${o.status}`)), 1)
                  ]),
                  _: 2
                }, 1032, ["type"])
              ]),
              _: 1
            }, 8, ["label"]),
            l(c, {
              label: e(n)("actions"),
              width: "90"
            }, {
              default: a(({ row: o }) => [
                l(_, {
                  link: "",
                  type: "primary",
                  disabled: !e(I),
                  onClick: (te) => e($)(o)
                }, {
                  default: a(() => [
                    m(d(e(n)("edit")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled", "onClick"])
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["data", "empty-text"]),
        l(z, {
          modelValue: e(g),
          "onUpdate:modelValue": t[16] || (t[16] = (o) => G(g) ? g.value = o : null),
          title: e(i).id ? e(n)("editCoupon") : e(n)("newCoupon"),
          width: "620px",
          "data-test": "coupon-dialog"
        }, {
          footer: a(() => [
            l(_, {
              onClick: t[15] || (t[15] = (o) => g.value = !1)
            }, {
              default: a(() => [
                m(d(e(n)("cancel")), 1)
              ]),
              _: 1
            }),
            l(_, {
              type: "primary",
              loading: e(E),
              "data-test": "save-coupon",
              onClick: e(B)
            }, {
              default: a(() => [
                m(d(e(n)("save")), 1)
              ]),
              _: 1
            }, 8, ["loading", "onClick"])
          ]),
          default: a(() => [
            l(P, {
              "label-width": "150px",
              size: "default"
            }, {
              default: a(() => [
                l(r, {
                  label: e(n)("name"),
                  error: e(p).name
                }, {
                  default: a(() => [
                    l(F, {
                      modelValue: e(i).name,
                      "onUpdate:modelValue": t[0] || (t[0] = (o) => e(i).name = o),
                      maxlength: "60",
                      "data-test": "coupon-name"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                e(i).id ? k("", !0) : (f(), N(Y, { key: 0 }, [
                  l(r, {
                    label: e(n)("couponKind"),
                    error: e(p).kind
                  }, {
                    default: a(() => [
                      l(O, {
                        modelValue: e(i).kind,
                        "onUpdate:modelValue": t[1] || (t[1] = (o) => e(i).kind = o)
                      }, {
                        default: a(() => [
                          (f(), N(Y, null, Q(v, (o) => l(V, {
                            key: o,
                            value: o
                          }, {
                            default: a(() => [
                              m(d(e(n)(`coupon.${o}`)), 1)
                            ]),
                            _: 2
                          }, 1032, ["value"])), 64))
                        ]),
                        _: 1
                      }, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"]),
                  e(i).kind === "percent_off" ? (f(), y(r, {
                    key: 0,
                    label: e(n)("percentOff"),
                    error: e(p).percent_off
                  }, {
                    default: a(() => [
                      l(b, {
                        modelValue: e(i).percent_off,
                        "onUpdate:modelValue": t[2] || (t[2] = (o) => e(i).percent_off = o),
                        min: 1,
                        max: 99,
                        precision: 0,
                        "data-test": "coupon-percent"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"])) : (f(), y(r, {
                    key: 1,
                    label: e(n)("amountOffYuan"),
                    error: e(p).amount_fen
                  }, {
                    default: a(() => [
                      l(b, {
                        modelValue: e(i).amount,
                        "onUpdate:modelValue": t[3] || (t[3] = (o) => e(i).amount = o),
                        min: 0,
                        precision: 2,
                        "controls-position": "right",
                        "data-test": "coupon-amount"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"])),
                  e(i).kind === "percent_off" ? (f(), y(r, {
                    key: 2,
                    label: e(n)("maxDiscountYuan"),
                    error: e(p).max_discount_fen
                  }, {
                    default: a(() => [
                      l(b, {
                        modelValue: e(i).max_discount,
                        "onUpdate:modelValue": t[4] || (t[4] = (o) => e(i).max_discount = o),
                        min: 0.01,
                        precision: 2,
                        "controls-position": "right"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"])) : k("", !0),
                  e(i).kind !== "no_threshold" ? (f(), y(r, {
                    key: 3,
                    label: e(n)("thresholdYuan"),
                    error: e(p).threshold_fen
                  }, {
                    default: a(() => [
                      l(b, {
                        modelValue: e(i).threshold,
                        "onUpdate:modelValue": t[5] || (t[5] = (o) => e(i).threshold = o),
                        min: 0,
                        precision: 2,
                        "controls-position": "right",
                        "data-test": "coupon-threshold"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"])) : k("", !0),
                  l(r, {
                    label: e(n)("couponValidity"),
                    error: e(p).validity
                  }, {
                    default: a(() => [
                      l(O, {
                        modelValue: e(i).validity,
                        "onUpdate:modelValue": t[6] || (t[6] = (o) => e(i).validity = o)
                      }, {
                        default: a(() => [
                          l(V, { value: "after_claim" }, {
                            default: a(() => [
                              m(d(e(n)("coupon.after_claim")), 1)
                            ]),
                            _: 1
                          }),
                          l(V, { value: "fixed" }, {
                            default: a(() => [
                              m(d(e(n)("coupon.fixed")), 1)
                            ]),
                            _: 1
                          })
                        ]),
                        _: 1
                      }, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"]),
                  e(i).validity === "after_claim" ? (f(), y(r, {
                    key: 4,
                    label: e(n)("validDays"),
                    error: e(p).valid_days
                  }, {
                    default: a(() => [
                      l(b, {
                        modelValue: e(i).valid_days,
                        "onUpdate:modelValue": t[7] || (t[7] = (o) => e(i).valid_days = o),
                        min: 1,
                        max: 3650,
                        precision: 0,
                        "data-test": "coupon-days"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"])) : (f(), y(r, {
                    key: 5,
                    label: e(n)("validWindow"),
                    error: e(p).valid_from || e(p).valid_until
                  }, {
                    default: a(() => [
                      l(j, {
                        modelValue: e(i).window,
                        "onUpdate:modelValue": t[8] || (t[8] = (o) => e(i).window = o),
                        type: "datetimerange"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"])),
                  l(r, {
                    label: e(n)("exclusive")
                  }, {
                    default: a(() => [
                      l(D, {
                        modelValue: e(i).exclusive,
                        "onUpdate:modelValue": t[9] || (t[9] = (o) => e(i).exclusive = o)
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label"])
                ], 64)),
                l(r, {
                  label: e(n)("totalQuantity"),
                  error: e(p).total_quantity
                }, {
                  default: a(() => [
                    l(b, {
                      modelValue: e(i).total_quantity,
                      "onUpdate:modelValue": t[10] || (t[10] = (o) => e(i).total_quantity = o),
                      min: 1,
                      precision: 0,
                      "data-test": "coupon-quantity"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                l(r, {
                  label: e(n)("perCustomerLimit"),
                  error: e(p).per_customer_limit
                }, {
                  default: a(() => [
                    l(b, {
                      modelValue: e(i).per_customer_limit,
                      "onUpdate:modelValue": t[11] || (t[11] = (o) => e(i).per_customer_limit = o),
                      min: 1,
                      max: 100,
                      precision: 0
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                l(r, {
                  label: e(n)("claimable")
                }, {
                  default: a(() => [
                    l(D, {
                      modelValue: e(i).claimable,
                      "onUpdate:modelValue": t[12] || (t[12] = (o) => e(i).claimable = o)
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"]),
                l(r, {
                  label: e(n)("newCustomerGift")
                }, {
                  default: a(() => [
                    l(D, {
                      modelValue: e(i).new_customer_gift,
                      "onUpdate:modelValue": t[13] || (t[13] = (o) => e(i).new_customer_gift = o)
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(i).id ? (f(), y(r, {
                  key: 1,
                  label: e(n)("status")
                }, {
                  default: a(() => [
                    l(O, {
                      modelValue: e(i).status,
                      "onUpdate:modelValue": t[14] || (t[14] = (o) => e(i).status = o)
                    }, {
                      default: a(() => [
                        l(V, { value: "active" }, {
                          default: a(() => [
                            m(d(e(n)("coupon.active")), 1)
                          ]),
                          _: 1
                        }),
                        l(V, { value: "stopped" }, {
                          default: a(() => [
                            m(d(e(n)("coupon.stopped")), 1)
                          ]),
                          _: 1
                        })
                      ]),
                      _: 1
                    }, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"])) : k("", !0)
              ]),
              _: 1
            })
          ]),
          _: 1
        }, 8, ["modelValue", "title"])
      ]);
    };
  }
}, ie = /* @__PURE__ */ X(oe, [["__scopeId", "data-v-25245af5"]]);
export {
  ie as CouponTemplates
};
