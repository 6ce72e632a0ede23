import { ref as J, resolveComponent as u, openBlock as f, createElementBlock as A, createElementVNode as k, toDisplayString as _, unref as e, createVNode as a, withCtx as o, createTextVNode as c, isRef as K, Fragment as B, renderList as Q, createBlock as C, createCommentVNode as X } from "vue";
import { Plus as Y } from "@element-plus/icons-vue";
import { createTranslator as Z, useListAndForm as ee, toFen as D, yuan as P, when as M, ProductSkuSelect as te } from "@kaidian/admin";
const le = {
  "zh-CN": {
    bargainTitle: "砍价",
    newActivity: "新建活动",
    editActivity: "编辑活动",
    noActivities: "暂无活动",
    "activity.active": "进行中",
    "activity.stopped": "已停止",
    activityWindow: "活动时间",
    endsAt: "结束时间",
    off: "关闭",
    bargainPrices: "原价 → 底价",
    helpersNeeded: "需助力人数",
    bargainsStarted: "已发起",
    startPrice: "起砍价（元）",
    floorPrice: "底价（元）",
    helpersMin: "最少助力人数（随机）",
    durationMinutes: "砍价时限（分钟）",
    bargainsPerCustomer: "每人可发起次数",
    cutsPerActivity: "每人每活动可助力次数",
    cutsPerDay: "每人每天可助力次数",
    minAccountAge: "助力账号注册满（小时）",
    allowSelfCut: "允许自己砍一刀",
    buyAtCurrentPrice: "到期可按当前价购买"
  },
  en: {
    bargainTitle: "Bargains",
    newActivity: "New activity",
    editActivity: "Edit activity",
    noActivities: "No activities yet",
    "activity.active": "Active",
    "activity.stopped": "Stopped",
    activityWindow: "Runs",
    endsAt: "Ends at",
    off: "Off",
    bargainPrices: "Start → floor",
    helpersNeeded: "Helpers needed",
    bargainsStarted: "Started",
    startPrice: "Start price (¥)",
    floorPrice: "Floor price (¥)",
    helpersMin: "Fewest helpers (random)",
    durationMinutes: "Duration (minutes)",
    bargainsPerCustomer: "Bargains per customer",
    cutsPerActivity: "Cuts per helper per activity",
    cutsPerDay: "Cuts per helper per day",
    minAccountAge: "Helper account age (hours)",
    allowSelfCut: "Starter may cut",
    buyAtCurrentPrice: "Buy at the reached price after expiry"
  }
}, ae = (h, n) => {
  const y = h.__vccOpts || h;
  for (const [g, V] of n)
    y[g] = V;
  return y;
}, re = { class: "head" }, ne = { class: "page-title" }, oe = { class: "pick" }, ie = {
  __name: "BargainActivities",
  setup(h) {
    const n = Z(le), y = ["bargains_per_customer", "cuts_per_helper_per_activity", "cuts_per_helper_per_day", "min_account_age_hours", "allow_self_cut", "buy_at_current_price"], g = J([]), V = (i) => Object.fromEntries(y.map((t) => [t, i[t]])), { rows: O, form: r, errors: s, dialogOpen: v, busy: E, canManage: S, openCreate: I, openEdit: F, save: T } = ee({
      url: "/api/admin/bargain/activities",
      emptyForm: () => ({
        id: null,
        name: "",
        product_id: null,
        sku_id: null,
        start_price: void 0,
        floor_price: void 0,
        helpers_needed: 5,
        helpers_min: void 0,
        duration_minutes: 1440,
        window: [/* @__PURE__ */ new Date(), new Date(Date.now() + 7 * 864e5)],
        ends_at: null,
        bargains_per_customer: 1,
        cuts_per_helper_per_activity: 1,
        cuts_per_helper_per_day: 1,
        min_account_age_hours: 0,
        allow_self_cut: !1,
        buy_at_current_price: !1,
        status: "active"
      }),
      fromRow: (i) => ({
        id: i.id,
        name: i.name,
        ends_at: new Date(i.ends_at),
        status: i.status,
        ...Object.fromEntries(y.filter((t) => i[t] != null).map((t) => [t, i[t]]))
      }),
      createBody: (i) => {
        var t, b, p, w;
        return {
          name: i.name,
          sku_id: i.sku_id,
          start_price_fen: D(i.start_price),
          floor_price_fen: D(i.floor_price),
          helpers_needed: i.helpers_needed,
          helpers_min: i.helpers_min ?? null,
          duration_minutes: i.duration_minutes,
          starts_at: ((b = (t = i.window) == null ? void 0 : t[0]) == null ? void 0 : b.toISOString()) ?? null,
          ends_at: ((w = (p = i.window) == null ? void 0 : p[1]) == null ? void 0 : w.toISOString()) ?? null,
          ...V(i)
        };
      },
      updateBody: (i) => {
        var t;
        return { name: i.name, ends_at: (t = i.ends_at) == null ? void 0 : t.toISOString(), status: i.status, ...V(i) };
      }
    });
    function $() {
      g.value = [], I();
    }
    function W(i) {
      g.value = i, r.sku_id = i.length === 1 ? i[0].id : null, i.length === 1 && (r.start_price = i[0].price_fen / 100);
    }
    return (i, t) => {
      const b = u("el-button"), p = u("el-table-column"), w = u("el-tag"), L = u("el-table"), R = u("el-input"), d = u("el-form-item"), j = u("el-option"), z = u("el-select"), m = u("el-input-number"), x = u("el-date-picker"), U = u("el-switch"), N = u("el-radio-button"), H = u("el-radio-group"), q = u("el-form"), G = u("el-dialog");
      return f(), A("div", null, [
        k("div", re, [
          k("h2", ne, _(e(n)("bargainTitle")), 1),
          a(b, {
            type: "primary",
            icon: e(Y),
            disabled: !e(S),
            "data-test": "new-bargain",
            onClick: $
          }, {
            default: o(() => [
              c(_(e(n)("newActivity")), 1)
            ]),
            _: 1
          }, 8, ["icon", "disabled"])
        ]),
        a(L, {
          data: e(O),
          border: "",
          "data-test": "bargain-activities",
          "empty-text": e(n)("noActivities")
        }, {
          default: o(() => [
            a(p, {
              prop: "name",
              label: e(n)("name"),
              "min-width": "160"
            }, null, 8, ["label"]),
            a(p, {
              label: e(n)("bargainPrices"),
              width: "170"
            }, {
              default: o(({ row: l }) => [
                c("¥" + _(e(P)(l.start_price_fen)) + " → ¥" + _(e(P)(l.floor_price_fen)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            a(p, {
              prop: "helpers_needed",
              label: e(n)("helpersNeeded"),
              width: "100"
            }, null, 8, ["label"]),
            a(p, {
              prop: "started_count",
              label: e(n)("bargainsStarted"),
              width: "100"
            }, null, 8, ["label"]),
            a(p, {
              label: e(n)("activityWindow"),
              "min-width": "260"
            }, {
              default: o(({ row: l }) => [
                c(_(e(M)(l.starts_at)) + " – " + _(e(M)(l.ends_at)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            a(p, {
              label: e(n)("status"),
              width: "100"
            }, {
              default: o(({ row: l }) => [
                a(w, {
                  size: "small",
                  type: l.status === "active" ? "success" : "info"
                }, {
                  default: o(() => [
                    c(_(e(n)(`activity.${l.status}`)), 1)
                  ]),
                  _: 2
                }, 1032, ["type"])
              ]),
              _: 1
            }, 8, ["label"]),
            a(p, {
              label: e(n)("actions"),
              width: "90"
            }, {
              default: o(({ row: l }) => [
                a(b, {
                  link: "",
                  type: "primary",
                  disabled: !e(S),
                  onClick: (de) => e(F)(l)
                }, {
                  default: o(() => [
                    c(_(e(n)("edit")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled", "onClick"])
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["data", "empty-text"]),
        a(G, {
          modelValue: e(v),
          "onUpdate:modelValue": t[18] || (t[18] = (l) => K(v) ? v.value = l : null),
          title: e(r).id ? e(n)("editActivity") : e(n)("newActivity"),
          width: "640px",
          "data-test": "bargain-dialog"
        }, {
          footer: o(() => [
            a(b, {
              onClick: t[17] || (t[17] = (l) => v.value = !1)
            }, {
              default: o(() => [
                c(_(e(n)("cancel")), 1)
              ]),
              _: 1
            }),
            a(b, {
              type: "primary",
              loading: e(E),
              "data-test": "save-bargain",
              onClick: e(T)
            }, {
              default: o(() => [
                c(_(e(n)("save")), 1)
              ]),
              _: 1
            }, 8, ["loading", "onClick"])
          ]),
          default: o(() => [
            a(q, { "label-width": "170px" }, {
              default: o(() => [
                a(d, {
                  label: e(n)("name"),
                  error: e(s).name
                }, {
                  default: o(() => [
                    a(R, {
                      modelValue: e(r).name,
                      "onUpdate:modelValue": t[0] || (t[0] = (l) => e(r).name = l),
                      maxlength: "60",
                      "data-test": "bargain-name"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                e(r).id ? (f(), C(d, {
                  key: 1,
                  label: e(n)("endsAt"),
                  error: e(s).ends_at
                }, {
                  default: o(() => [
                    a(x, {
                      modelValue: e(r).ends_at,
                      "onUpdate:modelValue": t[9] || (t[9] = (l) => e(r).ends_at = l),
                      type: "datetime"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"])) : (f(), A(B, { key: 0 }, [
                  a(d, {
                    label: e(n)("products"),
                    error: e(s).sku_id
                  }, {
                    default: o(() => [
                      k("div", oe, [
                        a(e(te), {
                          "product-id": e(r).product_id,
                          "onUpdate:productId": t[1] || (t[1] = (l) => e(r).product_id = l),
                          onSkus: W
                        }, null, 8, ["product-id"]),
                        a(z, {
                          modelValue: e(r).sku_id,
                          "onUpdate:modelValue": t[2] || (t[2] = (l) => e(r).sku_id = l),
                          placeholder: e(n)("skuMatrix"),
                          "data-test": "bargain-sku"
                        }, {
                          default: o(() => [
                            (f(!0), A(B, null, Q(g.value, (l) => (f(), C(j, {
                              key: l.id,
                              label: `${l.label} · ¥${e(P)(l.price_fen)}`,
                              value: l.id
                            }, null, 8, ["label", "value"]))), 128))
                          ]),
                          _: 1
                        }, 8, ["modelValue", "placeholder"])
                      ])
                    ]),
                    _: 1
                  }, 8, ["label", "error"]),
                  a(d, {
                    label: e(n)("startPrice"),
                    error: e(s).start_price_fen
                  }, {
                    default: o(() => [
                      a(m, {
                        modelValue: e(r).start_price,
                        "onUpdate:modelValue": t[3] || (t[3] = (l) => e(r).start_price = l),
                        min: 0.02,
                        precision: 2,
                        "controls-position": "right"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"]),
                  a(d, {
                    label: e(n)("floorPrice"),
                    error: e(s).floor_price_fen
                  }, {
                    default: o(() => [
                      a(m, {
                        modelValue: e(r).floor_price,
                        "onUpdate:modelValue": t[4] || (t[4] = (l) => e(r).floor_price = l),
                        min: 0.01,
                        precision: 2,
                        "controls-position": "right"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"]),
                  a(d, {
                    label: e(n)("helpersNeeded"),
                    error: e(s).helpers_needed
                  }, {
                    default: o(() => [
                      a(m, {
                        modelValue: e(r).helpers_needed,
                        "onUpdate:modelValue": t[5] || (t[5] = (l) => e(r).helpers_needed = l),
                        min: 1,
                        max: 500,
                        precision: 0
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"]),
                  a(d, {
                    label: e(n)("helpersMin"),
                    error: e(s).helpers_min
                  }, {
                    default: o(() => [
                      a(m, {
                        modelValue: e(r).helpers_min,
                        "onUpdate:modelValue": t[6] || (t[6] = (l) => e(r).helpers_min = l),
                        min: 1,
                        max: 500,
                        precision: 0,
                        placeholder: e(n)("off")
                      }, null, 8, ["modelValue", "placeholder"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"]),
                  a(d, {
                    label: e(n)("durationMinutes"),
                    error: e(s).duration_minutes
                  }, {
                    default: o(() => [
                      a(m, {
                        modelValue: e(r).duration_minutes,
                        "onUpdate:modelValue": t[7] || (t[7] = (l) => e(r).duration_minutes = l),
                        min: 5,
                        max: 43200,
                        precision: 0
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"]),
                  a(d, {
                    label: e(n)("activityWindow"),
                    error: e(s).starts_at || e(s).ends_at
                  }, {
                    default: o(() => [
                      a(x, {
                        modelValue: e(r).window,
                        "onUpdate:modelValue": t[8] || (t[8] = (l) => e(r).window = l),
                        type: "datetimerange"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"])
                ], 64)),
                a(d, {
                  label: e(n)("bargainsPerCustomer"),
                  error: e(s).bargains_per_customer
                }, {
                  default: o(() => [
                    a(m, {
                      modelValue: e(r).bargains_per_customer,
                      "onUpdate:modelValue": t[10] || (t[10] = (l) => e(r).bargains_per_customer = l),
                      min: 1,
                      max: 100,
                      precision: 0
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                a(d, {
                  label: e(n)("cutsPerActivity"),
                  error: e(s).cuts_per_helper_per_activity
                }, {
                  default: o(() => [
                    a(m, {
                      modelValue: e(r).cuts_per_helper_per_activity,
                      "onUpdate:modelValue": t[11] || (t[11] = (l) => e(r).cuts_per_helper_per_activity = l),
                      min: 1,
                      max: 1e3,
                      precision: 0
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                a(d, {
                  label: e(n)("cutsPerDay"),
                  error: e(s).cuts_per_helper_per_day
                }, {
                  default: o(() => [
                    a(m, {
                      modelValue: e(r).cuts_per_helper_per_day,
                      "onUpdate:modelValue": t[12] || (t[12] = (l) => e(r).cuts_per_helper_per_day = l),
                      min: 1,
                      max: 1e3,
                      precision: 0
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                a(d, {
                  label: e(n)("minAccountAge"),
                  error: e(s).min_account_age_hours
                }, {
                  default: o(() => [
                    a(m, {
                      modelValue: e(r).min_account_age_hours,
                      "onUpdate:modelValue": t[13] || (t[13] = (l) => e(r).min_account_age_hours = l),
                      min: 0,
                      max: 8760,
                      precision: 0
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                a(d, {
                  label: e(n)("allowSelfCut")
                }, {
                  default: o(() => [
                    a(U, {
                      modelValue: e(r).allow_self_cut,
                      "onUpdate:modelValue": t[14] || (t[14] = (l) => e(r).allow_self_cut = l)
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"]),
                a(d, {
                  label: e(n)("buyAtCurrentPrice")
                }, {
                  default: o(() => [
                    a(U, {
                      modelValue: e(r).buy_at_current_price,
                      "onUpdate:modelValue": t[15] || (t[15] = (l) => e(r).buy_at_current_price = l)
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(r).id ? (f(), C(d, {
                  key: 2,
                  label: e(n)("status")
                }, {
                  default: o(() => [
                    a(H, {
                      modelValue: e(r).status,
                      "onUpdate:modelValue": t[16] || (t[16] = (l) => e(r).status = l)
                    }, {
                      default: o(() => [
                        a(N, { value: "active" }, {
                          default: o(() => [
                            c(_(e(n)("activity.active")), 1)
                          ]),
                          _: 1
                        }),
                        a(N, { value: "stopped" }, {
                          default: o(() => [
                            c(_(e(n)("activity.stopped")), 1)
                          ]),
                          _: 1
                        })
                      ]),
                      _: 1
                    }, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"])) : X("", !0)
              ]),
              _: 1
            })
          ]),
          _: 1
        }, 8, ["modelValue", "title"])
      ]);
    };
  }
}, pe = /* @__PURE__ */ ae(ie, [["__scopeId", "data-v-7a57d269"]]);
export {
  pe as BargainActivities
};
