import { resolveComponent as s, openBlock as f, createElementBlock as N, createElementVNode as I, toDisplayString as d, unref as e, createVNode as l, withCtx as i, createTextVNode as m, isRef as W, Fragment as T, renderList as M, createBlock as y, createCommentVNode as k } from "vue";
import { Plus as R } from "@element-plus/icons-vue";
import { createTranslator as H, useListAndForm as J, toFen as q, tr as X, when as S } from "@kaidian/admin";
const Z = {
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
    "coupon.upcoming": "未开始",
    "coupon.ended": "已结束",
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
    "coupon.upcoming": "Not started",
    "coupon.ended": "Ended",
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
}, ee = (h, n) => {
  const v = h.__vccOpts || h;
  for (const [g, D] of n)
    v[g] = D;
  return v;
}, te = { class: "head" }, oe = { class: "page-title" }, le = {
  __name: "CouponTemplates",
  setup(h) {
    const n = H(Z), v = ["amount_off", "percent_off", "no_threshold", "shipping"], g = ["name", "total_quantity", "per_customer_limit", "claimable", "new_customer_gift", "status"], { rows: D, form: u, errors: p, dialogOpen: x, busy: Y, canManage: A, openCreate: B, openEdit: $, save: K } = J({
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
      fromRow: (a) => ({ id: a.id, ...Object.fromEntries(g.map((o) => [o, a[o]])) }),
      createBody: P,
      updateBody: (a) => Object.fromEntries(g.map((o) => [o, a[o]]))
    }), L = { active: "success", upcoming: "warning", ended: "info", stopped: "info" };
    function E(a, o = Date.now()) {
      return a.status !== "active" ? "stopped" : [a.validity === "fixed" ? a.valid_from : null, a.claim_starts_at].filter(Boolean).some((c) => Date.parse(c) > o) ? "upcoming" : a.validity === "fixed" && a.valid_until && Date.parse(a.valid_until) <= o ? "ended" : "active";
    }
    function F(a) {
      return a.validity === "after_claim" ? n("validDaysAfterClaim", { n: a.valid_days }) : `${a.valid_from ? S(a.valid_from) : ""} – ${a.valid_until ? S(a.valid_until) : ""}`;
    }
    function P(a) {
      var _, c, C, w;
      const o = {
        name: a.name,
        kind: a.kind,
        validity: a.validity,
        exclusive: a.exclusive,
        total_quantity: a.total_quantity,
        per_customer_limit: a.per_customer_limit,
        claimable: a.claimable,
        new_customer_gift: a.new_customer_gift,
        threshold_fen: a.kind === "no_threshold" ? 0 : q(a.threshold ?? 0)
      };
      return a.kind === "percent_off" ? Object.assign(o, { percent_off: a.percent_off, max_discount_fen: q(a.max_discount) }) : o.amount_fen = q(a.amount ?? 0), a.validity === "after_claim" ? o.valid_days = a.valid_days : Object.assign(o, { valid_from: ((c = (_ = a.window) == null ? void 0 : _[0]) == null ? void 0 : c.toISOString()) ?? null, valid_until: ((w = (C = a.window) == null ? void 0 : C[1]) == null ? void 0 : w.toISOString()) ?? null }), o;
    }
    return (a, o) => {
      const _ = s("el-button"), c = s("el-table-column"), C = s("el-tag"), w = s("el-table"), j = s("el-input"), r = s("el-form-item"), V = s("el-radio-button"), U = s("el-radio-group"), b = s("el-input-number"), G = s("el-date-picker"), O = s("el-switch"), z = s("el-form"), Q = s("el-dialog");
      return f(), N("div", null, [
        I("div", te, [
          I("h2", oe, d(e(n)("coupons")), 1),
          l(_, {
            type: "primary",
            icon: e(R),
            disabled: !e(A),
            "data-test": "new-coupon",
            onClick: e(B)
          }, {
            default: i(() => [
              m(d(e(n)("newCoupon")), 1)
            ]),
            _: 1
          }, 8, ["icon", "disabled", "onClick"])
        ]),
        l(w, {
          data: e(D),
          border: "",
          "data-test": "coupon-templates",
          "empty-text": e(n)("noCoupons")
        }, {
          default: i(() => [
            l(c, {
              prop: "name",
              label: e(n)("name"),
              "min-width": "160"
            }, null, 8, ["label"]),
            l(c, {
              label: e(n)("couponKind"),
              width: "110"
            }, {
              default: i(({ row: t }) => [
                m(d(e(n)(`coupon.${t.kind}`)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            l(c, {
              label: e(n)("couponTerms"),
              "min-width": "180"
            }, {
              default: i(({ row: t }) => [
                m(d(e(X)(t.title)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            l(c, {
              label: e(n)("couponValidity"),
              "min-width": "200"
            }, {
              default: i(({ row: t }) => [
                m(d(F(t)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            l(c, {
              label: e(n)("couponIssued"),
              width: "120"
            }, {
              default: i(({ row: t }) => [
                m(d(t.issued_count) + " / " + d(t.total_quantity), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            l(c, {
              label: e(n)("status"),
              width: "100"
            }, {
              default: i(({ row: t }) => [
                l(C, {
                  size: "small",
                  type: L[E(t)],
                  "data-test": "coupon-phase"
                }, {
                  default: i(() => [
                    m(d(e(n)(`coupon.${E(t)}`)), 1)
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
              default: i(({ row: t }) => [
                l(_, {
                  link: "",
                  type: "primary",
                  disabled: !e(A),
                  onClick: (ne) => e($)(t)
                }, {
                  default: i(() => [
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
        l(Q, {
          modelValue: e(x),
          "onUpdate:modelValue": o[16] || (o[16] = (t) => W(x) ? x.value = t : null),
          title: e(u).id ? e(n)("editCoupon") : e(n)("newCoupon"),
          width: "620px",
          "data-test": "coupon-dialog"
        }, {
          footer: i(() => [
            l(_, {
              onClick: o[15] || (o[15] = (t) => x.value = !1)
            }, {
              default: i(() => [
                m(d(e(n)("cancel")), 1)
              ]),
              _: 1
            }),
            l(_, {
              type: "primary",
              loading: e(Y),
              "data-test": "save-coupon",
              onClick: e(K)
            }, {
              default: i(() => [
                m(d(e(n)("save")), 1)
              ]),
              _: 1
            }, 8, ["loading", "onClick"])
          ]),
          default: i(() => [
            l(z, {
              "label-width": "150px",
              size: "default"
            }, {
              default: i(() => [
                l(r, {
                  label: e(n)("name"),
                  error: e(p).name
                }, {
                  default: i(() => [
                    l(j, {
                      modelValue: e(u).name,
                      "onUpdate:modelValue": o[0] || (o[0] = (t) => e(u).name = t),
                      maxlength: "60",
                      "data-test": "coupon-name"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                e(u).id ? k("", !0) : (f(), N(T, { key: 0 }, [
                  l(r, {
                    label: e(n)("couponKind"),
                    error: e(p).kind
                  }, {
                    default: i(() => [
                      l(U, {
                        modelValue: e(u).kind,
                        "onUpdate:modelValue": o[1] || (o[1] = (t) => e(u).kind = t)
                      }, {
                        default: i(() => [
                          (f(), N(T, null, M(v, (t) => l(V, {
                            key: t,
                            value: t
                          }, {
                            default: i(() => [
                              m(d(e(n)(`coupon.${t}`)), 1)
                            ]),
                            _: 2
                          }, 1032, ["value"])), 64))
                        ]),
                        _: 1
                      }, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"]),
                  e(u).kind === "percent_off" ? (f(), y(r, {
                    key: 0,
                    label: e(n)("percentOff"),
                    error: e(p).percent_off
                  }, {
                    default: i(() => [
                      l(b, {
                        modelValue: e(u).percent_off,
                        "onUpdate:modelValue": o[2] || (o[2] = (t) => e(u).percent_off = t),
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
                    default: i(() => [
                      l(b, {
                        modelValue: e(u).amount,
                        "onUpdate:modelValue": o[3] || (o[3] = (t) => e(u).amount = t),
                        min: 0,
                        precision: 2,
                        "controls-position": "right",
                        "data-test": "coupon-amount"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"])),
                  e(u).kind === "percent_off" ? (f(), y(r, {
                    key: 2,
                    label: e(n)("maxDiscountYuan"),
                    error: e(p).max_discount_fen
                  }, {
                    default: i(() => [
                      l(b, {
                        modelValue: e(u).max_discount,
                        "onUpdate:modelValue": o[4] || (o[4] = (t) => e(u).max_discount = t),
                        min: 0.01,
                        precision: 2,
                        "controls-position": "right"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"])) : k("", !0),
                  e(u).kind !== "no_threshold" ? (f(), y(r, {
                    key: 3,
                    label: e(n)("thresholdYuan"),
                    error: e(p).threshold_fen
                  }, {
                    default: i(() => [
                      l(b, {
                        modelValue: e(u).threshold,
                        "onUpdate:modelValue": o[5] || (o[5] = (t) => e(u).threshold = t),
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
                    default: i(() => [
                      l(U, {
                        modelValue: e(u).validity,
                        "onUpdate:modelValue": o[6] || (o[6] = (t) => e(u).validity = t)
                      }, {
                        default: i(() => [
                          l(V, { value: "after_claim" }, {
                            default: i(() => [
                              m(d(e(n)("coupon.after_claim")), 1)
                            ]),
                            _: 1
                          }),
                          l(V, { value: "fixed" }, {
                            default: i(() => [
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
                  e(u).validity === "after_claim" ? (f(), y(r, {
                    key: 4,
                    label: e(n)("validDays"),
                    error: e(p).valid_days
                  }, {
                    default: i(() => [
                      l(b, {
                        modelValue: e(u).valid_days,
                        "onUpdate:modelValue": o[7] || (o[7] = (t) => e(u).valid_days = t),
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
                    default: i(() => [
                      l(G, {
                        modelValue: e(u).window,
                        "onUpdate:modelValue": o[8] || (o[8] = (t) => e(u).window = t),
                        type: "datetimerange"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"])),
                  l(r, {
                    label: e(n)("exclusive")
                  }, {
                    default: i(() => [
                      l(O, {
                        modelValue: e(u).exclusive,
                        "onUpdate:modelValue": o[9] || (o[9] = (t) => e(u).exclusive = t)
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label"])
                ], 64)),
                l(r, {
                  label: e(n)("totalQuantity"),
                  error: e(p).total_quantity
                }, {
                  default: i(() => [
                    l(b, {
                      modelValue: e(u).total_quantity,
                      "onUpdate:modelValue": o[10] || (o[10] = (t) => e(u).total_quantity = t),
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
                  default: i(() => [
                    l(b, {
                      modelValue: e(u).per_customer_limit,
                      "onUpdate:modelValue": o[11] || (o[11] = (t) => e(u).per_customer_limit = t),
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
                  default: i(() => [
                    l(O, {
                      modelValue: e(u).claimable,
                      "onUpdate:modelValue": o[12] || (o[12] = (t) => e(u).claimable = t)
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"]),
                l(r, {
                  label: e(n)("newCustomerGift")
                }, {
                  default: i(() => [
                    l(O, {
                      modelValue: e(u).new_customer_gift,
                      "onUpdate:modelValue": o[13] || (o[13] = (t) => e(u).new_customer_gift = t)
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(u).id ? (f(), y(r, {
                  key: 1,
                  label: e(n)("status")
                }, {
                  default: i(() => [
                    l(U, {
                      modelValue: e(u).status,
                      "onUpdate:modelValue": o[14] || (o[14] = (t) => e(u).status = t)
                    }, {
                      default: i(() => [
                        l(V, { value: "active" }, {
                          default: i(() => [
                            m(d(e(n)("coupon.active")), 1)
                          ]),
                          _: 1
                        }),
                        l(V, { value: "stopped" }, {
                          default: i(() => [
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
}, de = /* @__PURE__ */ ee(le, [["__scopeId", "data-v-cb4ee882"]]);
export {
  de as CouponTemplates
};
