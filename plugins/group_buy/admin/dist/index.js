import { computed as X, resolveComponent as p, openBlock as v, createElementBlock as S, createElementVNode as N, toDisplayString as c, unref as e, createVNode as o, withCtx as a, createTextVNode as f, isRef as Y, Fragment as C, renderList as j, createBlock as P, createCommentVNode as ee } from "vue";
import { Plus as te } from "@element-plus/icons-vue";
import { createTranslator as le, useListAndForm as ie, api as oe, toFen as D, yuan as F, when as $, ProductSkuSelect as re } from "@kaidian/admin";
const ae = {
  "zh-CN": {
    groupBuy: "拼团",
    newActivity: "新建活动",
    editActivity: "编辑活动",
    noActivities: "暂无活动",
    "activity.active": "进行中",
    "activity.stopped": "已停止",
    groupSizes: "成团人数",
    groupSizesHelp: "可选多档（阶梯团）",
    lowestGroupPrice: "最低团价",
    activityWindow: "活动时间",
    endsAt: "结束时间",
    maxUnitsPerOrder: "每单限购件数",
    groupPrices: "拼团价",
    sizePrice: "{n} 人团价（元）",
    windowHours: "成团时限（小时）",
    perCustomerGroups: "每人可参团次数",
    virtualFill: "模拟成团（已付比例 %）",
    off: "关闭",
    leaderDiscount: "团长优惠（元）"
  },
  en: {
    groupBuy: "Group buy",
    newActivity: "New activity",
    editActivity: "Edit activity",
    noActivities: "No activities yet",
    "activity.active": "Active",
    "activity.stopped": "Stopped",
    groupSizes: "Group sizes",
    groupSizesHelp: "One or a ladder",
    lowestGroupPrice: "Lowest group price",
    activityWindow: "Runs",
    endsAt: "Ends at",
    maxUnitsPerOrder: "Units per order",
    groupPrices: "Group prices",
    sizePrice: "{n}-person price (¥)",
    windowHours: "Group window (hours)",
    perCustomerGroups: "Groups per customer",
    virtualFill: "Virtual fill (% paid)",
    off: "Off",
    leaderDiscount: "Leader discount (¥)"
  }
}, ne = (x, r) => {
  const w = x.__vccOpts || x;
  for (const [z, l] of r)
    w[z] = l;
  return w;
}, se = { class: "head" }, de = { class: "page-title" }, ue = {
  __name: "GroupBuyActivities",
  setup(x) {
    const r = le(ae), w = [2, 3, 4, 5, 6, 8, 10, 20, 50, 100], { rows: z, form: l, errors: m, dialogOpen: g, busy: H, canManage: h, openCreate: I, openEdit: L, save: M } = ie({
      url: "/api/admin/group-buy/activities",
      emptyForm: () => ({
        id: null,
        name: "",
        product_id: null,
        sizes: [2],
        skus: [],
        window: [/* @__PURE__ */ new Date(), new Date(Date.now() + 7 * 864e5)],
        ends_at: null,
        window_hours: 24,
        per_customer_limit: 1,
        max_units_per_order: 1,
        virtual_fill_percent: void 0,
        leader_discount: 0,
        status: "active",
        originalSkus: ""
      }),
      fromRow: J,
      createBody: () => {
        var n, i, d, s;
        return {
          ...G(),
          product_id: l.product_id,
          sizes: O.value,
          skus: V(),
          max_units_per_order: l.max_units_per_order,
          starts_at: ((i = (n = l.window) == null ? void 0 : n[0]) == null ? void 0 : i.toISOString()) ?? null,
          ends_at: ((s = (d = l.window) == null ? void 0 : d[1]) == null ? void 0 : s.toISOString()) ?? null
        };
      },
      // prices change only before the first group: sent only when edited
      updateBody: () => {
        var n;
        return {
          ...G(),
          ...JSON.stringify(V()) === l.originalSkus ? {} : { skus: V() },
          ends_at: (n = l.ends_at) == null ? void 0 : n.toISOString(),
          status: l.status
        };
      },
      // "skus[0].prices_fen.2" lands on the prices table
      errorField: (n) => n.replace(/\[.*$/, "").replace(/\..*$/, "")
    }), O = X(() => [...l.sizes].sort((n, i) => n - i)), W = (n) => Math.min(...n.skus.flatMap((i) => Object.values(i.prices_fen)));
    function R(n) {
      l.skus = n.map((i) => ({ sku_id: i.id, label: i.label, price_fen: i.price_fen, prices: {} }));
    }
    async function J(n) {
      const i = await oe.get(`/api/admin/catalog/products/${n.product_id}`).catch(() => ({ skus: [] })), d = Object.fromEntries(i.skus.map((_) => [_.id, [_.spec_values.join(" / ") || i.title, _.price_fen]])), s = n.skus.map((_) => {
        var b, k;
        return {
          sku_id: _.sku_id,
          label: ((b = d[_.sku_id]) == null ? void 0 : b[0]) ?? `#${_.sku_id}`,
          price_fen: (k = d[_.sku_id]) == null ? void 0 : k[1],
          prices: Object.fromEntries(Object.entries(_.prices_fen).map(([u, U]) => [u, U / 100]))
        };
      });
      return {
        id: n.id,
        name: n.name,
        product_id: n.product_id,
        sizes: [...n.sizes],
        ends_at: new Date(n.ends_at),
        window_hours: n.window_hours,
        per_customer_limit: n.per_customer_limit,
        max_units_per_order: n.max_units_per_order,
        virtual_fill_percent: n.virtual_fill_percent ?? void 0,
        leader_discount: n.leader_discount_fen / 100,
        status: n.status,
        skus: s,
        originalSkus: JSON.stringify(V(s, [...n.sizes].sort((_, b) => _ - b)))
      };
    }
    function V(n = l.skus, i = O.value) {
      return n.map((d) => ({
        sku_id: d.sku_id,
        prices_fen: Object.fromEntries(i.filter((s) => d.prices[s] != null).map((s) => [String(s), D(d.prices[s])]))
      })).filter((d) => Object.keys(d.prices_fen).length);
    }
    function G() {
      return {
        name: l.name,
        window_hours: l.window_hours,
        per_customer_limit: l.per_customer_limit,
        virtual_fill_percent: l.virtual_fill_percent ?? null,
        leader_discount_fen: D(l.leader_discount ?? 0)
      };
    }
    return (n, i) => {
      const d = p("el-button"), s = p("el-table-column"), _ = p("el-tag"), b = p("el-table"), k = p("el-input"), u = p("el-form-item"), U = p("el-option"), T = p("el-select"), B = p("el-date-picker"), y = p("el-input-number"), E = p("el-radio-button"), Z = p("el-radio-group"), q = p("el-form"), K = p("el-dialog");
      return v(), S("div", null, [
        N("div", se, [
          N("h2", de, c(e(r)("groupBuy")), 1),
          o(d, {
            type: "primary",
            icon: e(te),
            disabled: !e(h),
            "data-test": "new-activity",
            onClick: e(I)
          }, {
            default: a(() => [
              f(c(e(r)("newActivity")), 1)
            ]),
            _: 1
          }, 8, ["icon", "disabled", "onClick"])
        ]),
        o(b, {
          data: e(z),
          border: "",
          "data-test": "activities",
          "empty-text": e(r)("noActivities")
        }, {
          default: a(() => [
            o(s, {
              prop: "name",
              label: e(r)("name"),
              "min-width": "160"
            }, null, 8, ["label"]),
            o(s, {
              label: e(r)("groupSizes"),
              width: "110"
            }, {
              default: a(({ row: t }) => [
                f(c(t.sizes.join(" / ")), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            o(s, {
              label: e(r)("lowestGroupPrice"),
              width: "120"
            }, {
              default: a(({ row: t }) => [
                f("¥" + c(e(F)(W(t))), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            o(s, {
              label: e(r)("activityWindow"),
              "min-width": "260"
            }, {
              default: a(({ row: t }) => [
                f(c(e($)(t.starts_at)) + " – " + c(e($)(t.ends_at)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            o(s, {
              label: e(r)("status"),
              width: "100"
            }, {
              default: a(({ row: t }) => [
                o(_, {
                  size: "small",
                  type: t.status === "active" ? "success" : "info"
                }, {
                  default: a(() => [
                    f(c(e(r)(`activity.${t.status}`)), 1)
                  ]),
                  _: 2
                }, 1032, ["type"])
              ]),
              _: 1
            }, 8, ["label"]),
            o(s, {
              label: e(r)("actions"),
              width: "90"
            }, {
              default: a(({ row: t }) => [
                o(d, {
                  link: "",
                  type: "primary",
                  disabled: !e(h),
                  onClick: (A) => e(L)(t)
                }, {
                  default: a(() => [
                    f(c(e(r)("edit")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled", "onClick"])
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["data", "empty-text"]),
        o(K, {
          modelValue: e(g),
          "onUpdate:modelValue": i[12] || (i[12] = (t) => Y(g) ? g.value = t : null),
          title: e(l).id ? e(r)("editActivity") : e(r)("newActivity"),
          width: "720px",
          "data-test": "activity-dialog"
        }, {
          footer: a(() => [
            o(d, {
              onClick: i[11] || (i[11] = (t) => g.value = !1)
            }, {
              default: a(() => [
                f(c(e(r)("cancel")), 1)
              ]),
              _: 1
            }),
            o(d, {
              type: "primary",
              loading: e(H),
              "data-test": "save-activity",
              onClick: e(M)
            }, {
              default: a(() => [
                f(c(e(r)("save")), 1)
              ]),
              _: 1
            }, 8, ["loading", "onClick"])
          ]),
          default: a(() => [
            o(q, { "label-width": "150px" }, {
              default: a(() => [
                o(u, {
                  label: e(r)("name"),
                  error: e(m).name
                }, {
                  default: a(() => [
                    o(k, {
                      modelValue: e(l).name,
                      "onUpdate:modelValue": i[0] || (i[0] = (t) => e(l).name = t),
                      maxlength: "60",
                      "data-test": "activity-name"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                e(l).id ? (v(), P(u, {
                  key: 1,
                  label: e(r)("endsAt"),
                  error: e(m).ends_at
                }, {
                  default: a(() => [
                    o(B, {
                      modelValue: e(l).ends_at,
                      "onUpdate:modelValue": i[5] || (i[5] = (t) => e(l).ends_at = t),
                      type: "datetime"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"])) : (v(), S(C, { key: 0 }, [
                  o(u, {
                    label: e(r)("products"),
                    error: e(m).product_id
                  }, {
                    default: a(() => [
                      o(e(re), {
                        "product-id": e(l).product_id,
                        "onUpdate:productId": i[1] || (i[1] = (t) => e(l).product_id = t),
                        onSkus: R
                      }, null, 8, ["product-id"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"]),
                  o(u, {
                    label: e(r)("groupSizes"),
                    error: e(m).sizes
                  }, {
                    default: a(() => [
                      o(T, {
                        modelValue: e(l).sizes,
                        "onUpdate:modelValue": i[2] || (i[2] = (t) => e(l).sizes = t),
                        multiple: "",
                        placeholder: e(r)("groupSizesHelp"),
                        style: { width: "240px" },
                        "data-test": "activity-sizes"
                      }, {
                        default: a(() => [
                          (v(), S(C, null, j(w, (t) => o(U, {
                            key: t,
                            label: String(t),
                            value: t
                          }, null, 8, ["label", "value"])), 64))
                        ]),
                        _: 1
                      }, 8, ["modelValue", "placeholder"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"]),
                  o(u, {
                    label: e(r)("activityWindow"),
                    error: e(m).starts_at || e(m).ends_at
                  }, {
                    default: a(() => [
                      o(B, {
                        modelValue: e(l).window,
                        "onUpdate:modelValue": i[3] || (i[3] = (t) => e(l).window = t),
                        type: "datetimerange",
                        "data-test": "activity-window"
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"]),
                  o(u, {
                    label: e(r)("maxUnitsPerOrder"),
                    error: e(m).max_units_per_order
                  }, {
                    default: a(() => [
                      o(y, {
                        modelValue: e(l).max_units_per_order,
                        "onUpdate:modelValue": i[4] || (i[4] = (t) => e(l).max_units_per_order = t),
                        min: 1,
                        max: 99,
                        precision: 0
                      }, null, 8, ["modelValue"])
                    ]),
                    _: 1
                  }, 8, ["label", "error"])
                ], 64)),
                o(u, {
                  label: e(r)("groupPrices"),
                  error: e(m).skus
                }, {
                  default: a(() => [
                    o(b, {
                      data: e(l).skus,
                      size: "small",
                      border: "",
                      "data-test": "activity-prices"
                    }, {
                      default: a(() => [
                        o(s, {
                          prop: "label",
                          label: e(r)("skuMatrix"),
                          "min-width": "120"
                        }, null, 8, ["label"]),
                        o(s, {
                          label: e(r)("price"),
                          width: "90"
                        }, {
                          default: a(({ row: t }) => [
                            f("¥" + c(e(F)(t.price_fen)), 1)
                          ]),
                          _: 1
                        }, 8, ["label"]),
                        (v(!0), S(C, null, j(O.value, (t) => (v(), P(s, {
                          key: t,
                          label: e(r)("sizePrice", { n: t }),
                          width: "150"
                        }, {
                          default: a(({ row: A }) => [
                            o(y, {
                              modelValue: A.prices[t],
                              "onUpdate:modelValue": (Q) => A.prices[t] = Q,
                              min: 0.01,
                              precision: 2,
                              size: "small",
                              "controls-position": "right"
                            }, null, 8, ["modelValue", "onUpdate:modelValue"])
                          ]),
                          _: 2
                        }, 1032, ["label"]))), 128))
                      ]),
                      _: 1
                    }, 8, ["data"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                o(u, {
                  label: e(r)("windowHours"),
                  error: e(m).window_hours
                }, {
                  default: a(() => [
                    o(y, {
                      modelValue: e(l).window_hours,
                      "onUpdate:modelValue": i[6] || (i[6] = (t) => e(l).window_hours = t),
                      min: 1,
                      max: 168,
                      precision: 0
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                o(u, {
                  label: e(r)("perCustomerGroups"),
                  error: e(m).per_customer_limit
                }, {
                  default: a(() => [
                    o(y, {
                      modelValue: e(l).per_customer_limit,
                      "onUpdate:modelValue": i[7] || (i[7] = (t) => e(l).per_customer_limit = t),
                      min: 1,
                      max: 100,
                      precision: 0
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                o(u, {
                  label: e(r)("virtualFill"),
                  error: e(m).virtual_fill_percent
                }, {
                  default: a(() => [
                    o(y, {
                      modelValue: e(l).virtual_fill_percent,
                      "onUpdate:modelValue": i[8] || (i[8] = (t) => e(l).virtual_fill_percent = t),
                      min: 1,
                      max: 99,
                      precision: 0,
                      placeholder: e(r)("off")
                    }, null, 8, ["modelValue", "placeholder"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                o(u, {
                  label: e(r)("leaderDiscount"),
                  error: e(m).leader_discount_fen
                }, {
                  default: a(() => [
                    o(y, {
                      modelValue: e(l).leader_discount,
                      "onUpdate:modelValue": i[9] || (i[9] = (t) => e(l).leader_discount = t),
                      min: 0,
                      precision: 2,
                      "controls-position": "right"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                e(l).id ? (v(), P(u, {
                  key: 2,
                  label: e(r)("status")
                }, {
                  default: a(() => [
                    o(Z, {
                      modelValue: e(l).status,
                      "onUpdate:modelValue": i[10] || (i[10] = (t) => e(l).status = t)
                    }, {
                      default: a(() => [
                        o(E, { value: "active" }, {
                          default: a(() => [
                            f(c(e(r)("activity.active")), 1)
                          ]),
                          _: 1
                        }),
                        o(E, { value: "stopped" }, {
                          default: a(() => [
                            f(c(e(r)("activity.stopped")), 1)
                          ]),
                          _: 1
                        })
                      ]),
                      _: 1
                    }, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"])) : ee("", !0)
              ]),
              _: 1
            })
          ]),
          _: 1
        }, 8, ["modelValue", "title"])
      ]);
    };
  }
}, me = /* @__PURE__ */ ne(ue, [["__scopeId", "data-v-c21c543d"]]);
export {
  me as GroupBuyActivities
};
