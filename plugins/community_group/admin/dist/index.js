import { ref as S, reactive as z, resolveComponent as s, openBlock as j, createElementBlock as A, createVNode as e, withCtx as l, Fragment as I, renderList as le, createTextVNode as d, toDisplayString as a, createElementVNode as U, unref as n, createBlock as O, createCommentVNode as M } from "vue";
import { hasRole as ae, when as q, api as T, fieldErrors as ne, useListAndForm as J, request as oe, yuan as F, createTranslator as ie } from "@kaidian/admin";
import { ElMessage as N } from "element-plus";
const de = {
  "zh-CN": {
    title: "社区团购",
    leaders: "团长",
    pickupPoints: "自提点",
    batches: "配送批次",
    settlements: "佣金结算",
    "leader.all": "全部",
    "leader.pending": "待审核",
    "leader.approved": "已通过",
    "leader.rejected": "已拒绝",
    noLeaders: "暂无团长申请",
    pickupPoint: "自提点",
    commission: "佣金比例",
    appliedAt: "申请时间",
    reviewNote: "审核备注",
    approveLeader: "通过",
    rejectLeader: "拒绝",
    setCommission: "设置佣金",
    commissionPercent: "佣金比例（%）",
    defaultRate: "默认比例",
    approveTitle: "通过团长申请",
    rejectTitle: "拒绝团长申请",
    noPoints: "暂无已开放的自提点",
    address: "地址",
    openingHours: "营业时间",
    leader: "团长",
    coordinates: "坐标",
    newBatch: "生成配送批次",
    batchHelp: "把截止时间前已付款、尚未分批的自提订单汇总成一个批次，按自提点发货。",
    cutoff: "截止时间",
    cutoffNow: "现在",
    batchNo: "批次号",
    orderCount: "订单数",
    createdBy: "操作人",
    pickingList: "拣货单",
    noBatches: "暂无配送批次",
    sku: "商品 / 规格",
    units: "件数",
    download: "下载",
    settle: "结算",
    settleHelp: "结算一个已结束的月份：其未结算的佣金（及之前月份迟到的）从此固定。",
    period: "月份",
    entryCount: "佣金笔数",
    totalCommission: "佣金合计",
    statements: "对账单",
    noSettlements: "暂无结算",
    accrued: "应得",
    reversed: "冲回"
  },
  en: {
    title: "Community group buying",
    leaders: "Leaders",
    pickupPoints: "Pickup points",
    batches: "Delivery batches",
    settlements: "Settlements",
    "leader.all": "All",
    "leader.pending": "To review",
    "leader.approved": "Approved",
    "leader.rejected": "Rejected",
    noLeaders: "No leader applications",
    pickupPoint: "Pickup point",
    commission: "Commission",
    appliedAt: "Applied",
    reviewNote: "Review note",
    approveLeader: "Approve",
    rejectLeader: "Reject",
    setCommission: "Set commission",
    commissionPercent: "Commission (%)",
    defaultRate: "Shop default",
    approveTitle: "Approve the application",
    rejectTitle: "Reject the application",
    noPoints: "No open pickup points",
    address: "Address",
    openingHours: "Opening hours",
    leader: "Leader",
    coordinates: "Coordinates",
    newBatch: "New delivery batch",
    batchHelp: "Gathers the paid pickup orders up to the cut-off that no batch took yet; they ship to their pickup points.",
    cutoff: "Cut-off",
    cutoffNow: "Now",
    batchNo: "Batch no.",
    orderCount: "Orders",
    createdBy: "By",
    pickingList: "Picking list",
    noBatches: "No batches yet",
    sku: "Product / SKU",
    units: "Units",
    download: "Download",
    settle: "Settle",
    settleHelp: "Settles a finished month: its unsettled commission (and late entries of earlier months) is fixed for good.",
    period: "Month",
    entryCount: "Entries",
    totalCommission: "Commission",
    statements: "Statements",
    noSettlements: "No settlements yet",
    accrued: "Accrued",
    reversed: "Reversed"
  }
}, Y = (t, p) => {
  const _ = t.__vccOpts || t;
  for (const [V, v] of p)
    _[V] = v;
  return _;
}, se = { class: "muted" }, E = "/api/admin/community_group/leaders", re = {
  __name: "LeadersTab",
  props: { t: { type: Function, required: !0 } },
  setup(t) {
    const p = t, _ = ["all", "pending", "approved", "rejected"], V = { pending: "warning", approved: "success", rejected: "info" }, v = { approve: "approveTitle", reject: "rejectTitle", commission: "setCommission" }, y = S([]), u = S("all"), g = S(!1), k = S(!1), w = S({}), C = S("approve"), o = z({ id: null, commission: void 0, note: "" }), i = ae("owner", "operator"), L = (b) => `${(b / 100).toFixed(2).replace(/\.?0+$/, "")}%`, B = (b) => b == null ? null : Math.round(b * 100);
    async function $() {
      try {
        y.value = await T.get(u.value === "all" ? E : `${E}?status=${u.value}`);
      } catch (b) {
        N.error(b.message);
      }
    }
    function P(b, h) {
      C.value = h, Object.assign(o, { id: b.id, note: "", commission: h === "commission" ? b.commission_bp / 100 : void 0 }), w.value = {}, g.value = !0;
    }
    async function c() {
      k.value = !0, w.value = {};
      try {
        C.value === "commission" ? await T.put(`${E}/${o.id}/commission`, { commission_bp: B(o.commission ?? 0) }) : C.value === "approve" ? await T.post(`${E}/${o.id}/approve`, { note: o.note, commission_bp: B(o.commission) }) : await T.post(`${E}/${o.id}/reject`, { note: o.note }), g.value = !1, N.success(p.t("saved")), await $();
      } catch (b) {
        w.value = ne(b), N.error(b.message);
      } finally {
        k.value = !1;
      }
    }
    return $(), (b, h) => {
      const m = s("el-radio-button"), f = s("el-radio-group"), x = s("el-table-column"), Q = s("el-tag"), R = s("el-button"), W = s("el-table"), X = s("el-input-number"), D = s("el-form-item"), Z = s("el-input"), ee = s("el-form"), te = s("el-dialog");
      return j(), A("div", null, [
        e(f, {
          modelValue: u.value,
          "onUpdate:modelValue": h[0] || (h[0] = (r) => u.value = r),
          size: "small",
          class: "filter",
          "data-test": "leader-status",
          onChange: $
        }, {
          default: l(() => [
            (j(), A(I, null, le(_, (r) => e(m, {
              key: r,
              value: r
            }, {
              default: l(() => [
                d(a(t.t(`leader.${r}`)), 1)
              ]),
              _: 2
            }, 1032, ["value"])), 64))
          ]),
          _: 1
        }, 8, ["modelValue"]),
        e(W, {
          data: y.value,
          border: "",
          "data-test": "leaders",
          "empty-text": t.t("noLeaders")
        }, {
          default: l(() => [
            e(x, {
              prop: "name",
              label: t.t("name"),
              width: "110"
            }, null, 8, ["label"]),
            e(x, {
              prop: "phone",
              label: t.t("phone"),
              width: "130"
            }, null, 8, ["label"]),
            e(x, {
              label: t.t("pickupPoint"),
              "min-width": "220"
            }, {
              default: l(({ row: r }) => [
                d(a(r.pickup_point.name), 1),
                U("div", se, a(r.pickup_point.address), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            e(x, {
              label: t.t("commission"),
              width: "100"
            }, {
              default: l(({ row: r }) => [
                d(a(L(r.commission_bp)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            e(x, {
              label: t.t("status"),
              width: "100"
            }, {
              default: l(({ row: r }) => [
                e(Q, {
                  size: "small",
                  type: V[r.status]
                }, {
                  default: l(() => [
                    d(a(t.t(`leader.${r.status}`)), 1)
                  ]),
                  _: 2
                }, 1032, ["type"])
              ]),
              _: 1
            }, 8, ["label"]),
            e(x, {
              label: t.t("appliedAt"),
              width: "170"
            }, {
              default: l(({ row: r }) => [
                d(a(n(q)(r.created_at)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            e(x, {
              label: t.t("actions"),
              width: "170"
            }, {
              default: l(({ row: r }) => [
                r.status === "pending" ? (j(), A(I, { key: 0 }, [
                  e(R, {
                    link: "",
                    type: "primary",
                    disabled: !n(i),
                    "data-test": "approve-leader",
                    onClick: (G) => P(r, "approve")
                  }, {
                    default: l(() => [
                      d(a(t.t("approveLeader")), 1)
                    ]),
                    _: 1
                  }, 8, ["disabled", "onClick"]),
                  e(R, {
                    link: "",
                    type: "danger",
                    disabled: !n(i),
                    "data-test": "reject-leader",
                    onClick: (G) => P(r, "reject")
                  }, {
                    default: l(() => [
                      d(a(t.t("rejectLeader")), 1)
                    ]),
                    _: 1
                  }, 8, ["disabled", "onClick"])
                ], 64)) : r.status === "approved" ? (j(), O(R, {
                  key: 1,
                  link: "",
                  type: "primary",
                  disabled: !n(i),
                  onClick: (G) => P(r, "commission")
                }, {
                  default: l(() => [
                    d(a(t.t("setCommission")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled", "onClick"])) : M("", !0)
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["data", "empty-text"]),
        e(te, {
          modelValue: g.value,
          "onUpdate:modelValue": h[4] || (h[4] = (r) => g.value = r),
          title: t.t(v[C.value]),
          width: "480px",
          "data-test": "leader-dialog"
        }, {
          footer: l(() => [
            e(R, {
              onClick: h[3] || (h[3] = (r) => g.value = !1)
            }, {
              default: l(() => [
                d(a(t.t("cancel")), 1)
              ]),
              _: 1
            }),
            e(R, {
              type: "primary",
              loading: k.value,
              "data-test": "save-review",
              onClick: c
            }, {
              default: l(() => [
                d(a(t.t("confirm")), 1)
              ]),
              _: 1
            }, 8, ["loading"])
          ]),
          default: l(() => [
            e(ee, { "label-width": "130px" }, {
              default: l(() => [
                C.value !== "reject" ? (j(), O(D, {
                  key: 0,
                  label: t.t("commissionPercent"),
                  error: w.value.commission_bp
                }, {
                  default: l(() => [
                    e(X, {
                      modelValue: o.commission,
                      "onUpdate:modelValue": h[1] || (h[1] = (r) => o.commission = r),
                      min: 0,
                      max: 50,
                      precision: 2,
                      placeholder: t.t("defaultRate"),
                      "data-test": "leader-commission"
                    }, null, 8, ["modelValue", "placeholder"])
                  ]),
                  _: 1
                }, 8, ["label", "error"])) : M("", !0),
                C.value !== "commission" ? (j(), O(D, {
                  key: 1,
                  label: t.t("reviewNote"),
                  error: w.value.note
                }, {
                  default: l(() => [
                    e(Z, {
                      modelValue: o.note,
                      "onUpdate:modelValue": h[2] || (h[2] = (r) => o.note = r),
                      type: "textarea",
                      maxlength: "200",
                      "data-test": "leader-note"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"])) : M("", !0)
              ]),
              _: 1
            })
          ]),
          _: 1
        }, 8, ["modelValue", "title"])
      ]);
    };
  }
}, ce = /* @__PURE__ */ Y(re, [["__scopeId", "data-v-488260ad"]]), ue = {
  __name: "PickupPointsTab",
  props: { t: { type: Function, required: !0 } },
  setup(t) {
    const p = S([]);
    return T.get("/api/admin/community_group/leaders?status=approved").then((_) => p.value = _, (_) => N.error(_.message)), (_, V) => {
      const v = s("el-table-column"), y = s("el-table");
      return j(), O(y, {
        data: p.value,
        border: "",
        "data-test": "pickup-points",
        "empty-text": t.t("noPoints")
      }, {
        default: l(() => [
          e(v, {
            label: t.t("pickupPoint"),
            "min-width": "160"
          }, {
            default: l(({ row: u }) => [
              d(a(u.pickup_point.name), 1)
            ]),
            _: 1
          }, 8, ["label"]),
          e(v, {
            label: t.t("address"),
            "min-width": "220"
          }, {
            default: l(({ row: u }) => [
              d(a(u.pickup_point.address), 1)
            ]),
            _: 1
          }, 8, ["label"]),
          e(v, {
            label: t.t("openingHours"),
            width: "160"
          }, {
            default: l(({ row: u }) => [
              d(a(u.pickup_point.opening_hours), 1)
            ]),
            _: 1
          }, 8, ["label"]),
          e(v, {
            label: t.t("leader"),
            width: "150"
          }, {
            default: l(({ row: u }) => [
              d(a(u.name) + " · " + a(u.phone), 1)
            ]),
            _: 1
          }, 8, ["label"]),
          e(v, {
            label: t.t("coordinates"),
            width: "190"
          }, {
            default: l(({ row: u }) => [
              d(a(u.pickup_point.latitude.toFixed(5)) + ", " + a(u.pickup_point.longitude.toFixed(5)), 1)
            ]),
            _: 1
          }, 8, ["label"])
        ]),
        _: 1
      }, 8, ["data", "empty-text"]);
    };
  }
}, me = { class: "muted" }, pe = { class: "muted" }, be = { class: "muted" }, H = "/api/admin/community_group/batches", fe = {
  __name: "BatchesTab",
  props: { t: { type: Function, required: !0 } },
  setup(t) {
    const { rows: p, form: _, errors: V, busy: v, canManage: y, save: u } = J({
      url: H,
      emptyForm: () => ({ id: null, cutoff: null }),
      createBody: (o) => {
        var i;
        return { cutoff: ((i = o.cutoff) == null ? void 0 : i.toISOString()) ?? null };
      }
    }), g = S(!1), k = z({ batch: null, rows: [] });
    async function w(o) {
      try {
        Object.assign(k, { batch: o, rows: await T.get(`${H}/${o.id}/picking-list`) }), g.value = !0;
      } catch (i) {
        N.error(i.message);
      }
    }
    async function C(o, i) {
      try {
        const L = await oe("GET", `${H}/${o.id}/picking-list?format=${i}`, void 0, { raw: !0 }), B = Object.assign(document.createElement("a"), { href: URL.createObjectURL(await L.blob()), download: `picking-${o.batch_no}.${i}` });
        B.click(), URL.revokeObjectURL(B.href);
      } catch (L) {
        N.error(L.message);
      }
    }
    return (o, i) => {
      var m;
      const L = s("el-date-picker"), B = s("el-form-item"), $ = s("el-button"), P = s("el-form"), c = s("el-table-column"), b = s("el-table"), h = s("el-dialog");
      return j(), A("div", null, [
        e(P, {
          inline: "",
          class: "create"
        }, {
          default: l(() => [
            e(B, {
              label: t.t("cutoff"),
              error: n(V).cutoff
            }, {
              default: l(() => [
                e(L, {
                  modelValue: n(_).cutoff,
                  "onUpdate:modelValue": i[0] || (i[0] = (f) => n(_).cutoff = f),
                  type: "datetime",
                  placeholder: t.t("cutoffNow"),
                  "data-test": "batch-cutoff"
                }, null, 8, ["modelValue", "placeholder"])
              ]),
              _: 1
            }, 8, ["label", "error"]),
            e($, {
              type: "primary",
              disabled: !n(y),
              loading: n(v),
              "data-test": "new-batch",
              onClick: n(u)
            }, {
              default: l(() => [
                d(a(t.t("newBatch")), 1)
              ]),
              _: 1
            }, 8, ["disabled", "loading", "onClick"])
          ]),
          _: 1
        }),
        U("p", me, a(t.t("batchHelp")), 1),
        e(b, {
          data: n(p),
          border: "",
          "data-test": "batches",
          "empty-text": t.t("noBatches")
        }, {
          default: l(() => [
            e(c, {
              prop: "batch_no",
              label: t.t("batchNo"),
              "min-width": "160"
            }, null, 8, ["label"]),
            e(c, {
              label: t.t("cutoff"),
              width: "180"
            }, {
              default: l(({ row: f }) => [
                d(a(n(q)(f.cutoff)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            e(c, {
              prop: "order_count",
              label: t.t("orderCount"),
              width: "90"
            }, null, 8, ["label"]),
            e(c, {
              prop: "created_by",
              label: t.t("createdBy"),
              width: "120"
            }, null, 8, ["label"]),
            e(c, {
              label: t.t("actions"),
              width: "240"
            }, {
              default: l(({ row: f }) => [
                e($, {
                  link: "",
                  type: "primary",
                  "data-test": "picking-list",
                  onClick: (x) => w(f)
                }, {
                  default: l(() => [
                    d(a(t.t("pickingList")), 1)
                  ]),
                  _: 1
                }, 8, ["onClick"]),
                e($, {
                  link: "",
                  onClick: (x) => C(f, "csv")
                }, {
                  default: l(() => [...i[2] || (i[2] = [
                    d("CSV", -1)
                  ])]),
                  _: 1
                }, 8, ["onClick"]),
                e($, {
                  link: "",
                  onClick: (x) => C(f, "xlsx")
                }, {
                  default: l(() => [...i[3] || (i[3] = [
                    d("Excel", -1)
                  ])]),
                  _: 1
                }, 8, ["onClick"])
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["data", "empty-text"]),
        e(h, {
          modelValue: g.value,
          "onUpdate:modelValue": i[1] || (i[1] = (f) => g.value = f),
          title: `${t.t("pickingList")} · ${((m = k.batch) == null ? void 0 : m.batch_no) ?? ""}`,
          width: "760px",
          "data-test": "picking-dialog"
        }, {
          default: l(() => [
            e(b, {
              data: k.rows,
              border: "",
              size: "small"
            }, {
              default: l(() => [
                e(c, {
                  label: t.t("pickupPoint"),
                  "min-width": "160"
                }, {
                  default: l(({ row: f }) => [
                    d(a(f.point_name), 1),
                    U("div", pe, a(f.leader_name) + " · " + a(f.leader_phone), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(c, {
                  label: t.t("sku"),
                  "min-width": "180"
                }, {
                  default: l(({ row: f }) => [
                    d(a(f.title), 1),
                    U("div", be, a(f.sku_code), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(c, {
                  prop: "quantity",
                  label: t.t("units"),
                  width: "70"
                }, null, 8, ["label"]),
                e(c, {
                  prop: "order_count",
                  label: t.t("orderCount"),
                  width: "80"
                }, null, 8, ["label"])
              ]),
              _: 1
            }, 8, ["data"])
          ]),
          _: 1
        }, 8, ["modelValue", "title"])
      ]);
    };
  }
}, _e = /* @__PURE__ */ Y(fe, [["__scopeId", "data-v-901e52ed"]]), he = { class: "muted" }, K = "/api/admin/community_group/settlements", ve = {
  __name: "SettlementsTab",
  props: { t: { type: Function, required: !0 } },
  setup(t) {
    const p = () => {
      const o = /* @__PURE__ */ new Date(), i = new Date(o.getFullYear(), o.getMonth() - 1, 1);
      return `${i.getFullYear()}-${String(i.getMonth() + 1).padStart(2, "0")}`;
    }, { rows: _, form: V, errors: v, busy: y, canManage: u, save: g } = J({
      url: K,
      emptyForm: () => ({ id: null, period: p() }),
      createBody: (o) => ({ period: o.period })
    }), k = S(!1), w = z({ period: "", rows: [] });
    async function C(o) {
      try {
        Object.assign(w, { period: o.period, rows: await T.get(`${K}/${o.id}/statements`) }), k.value = !0;
      } catch (i) {
        N.error(i.message);
      }
    }
    return (o, i) => {
      const L = s("el-date-picker"), B = s("el-form-item"), $ = s("el-button"), P = s("el-form"), c = s("el-table-column"), b = s("el-table"), h = s("el-dialog");
      return j(), A("div", null, [
        e(P, { inline: "" }, {
          default: l(() => [
            e(B, {
              label: t.t("period"),
              error: n(v).period
            }, {
              default: l(() => [
                e(L, {
                  modelValue: n(V).period,
                  "onUpdate:modelValue": i[0] || (i[0] = (m) => n(V).period = m),
                  type: "month",
                  "value-format": "YYYY-MM",
                  "data-test": "settle-period"
                }, null, 8, ["modelValue"])
              ]),
              _: 1
            }, 8, ["label", "error"]),
            e($, {
              type: "primary",
              disabled: !n(u),
              loading: n(y),
              "data-test": "settle",
              onClick: n(g)
            }, {
              default: l(() => [
                d(a(t.t("settle")), 1)
              ]),
              _: 1
            }, 8, ["disabled", "loading", "onClick"])
          ]),
          _: 1
        }),
        U("p", he, a(t.t("settleHelp")), 1),
        e(b, {
          data: n(_),
          border: "",
          "data-test": "settlements",
          "empty-text": t.t("noSettlements")
        }, {
          default: l(() => [
            e(c, {
              prop: "period",
              label: t.t("period"),
              width: "110"
            }, null, 8, ["label"]),
            e(c, {
              prop: "entry_count",
              label: t.t("entryCount"),
              width: "100"
            }, null, 8, ["label"]),
            e(c, {
              label: t.t("totalCommission"),
              width: "130"
            }, {
              default: l(({ row: m }) => [
                d("¥" + a(n(F)(m.total_fen)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            e(c, {
              prop: "created_by",
              label: t.t("createdBy"),
              width: "120"
            }, null, 8, ["label"]),
            e(c, {
              label: t.t("createdAt"),
              "min-width": "170"
            }, {
              default: l(({ row: m }) => [
                d(a(n(q)(m.created_at)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            e(c, {
              label: t.t("actions"),
              width: "100"
            }, {
              default: l(({ row: m }) => [
                e($, {
                  link: "",
                  type: "primary",
                  onClick: (f) => C(m)
                }, {
                  default: l(() => [
                    d(a(t.t("statements")), 1)
                  ]),
                  _: 1
                }, 8, ["onClick"])
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["data", "empty-text"]),
        e(h, {
          modelValue: k.value,
          "onUpdate:modelValue": i[1] || (i[1] = (m) => k.value = m),
          title: `${t.t("statements")} · ${w.period}`,
          width: "640px",
          "data-test": "statements-dialog"
        }, {
          default: l(() => [
            e(b, {
              data: w.rows,
              border: "",
              size: "small"
            }, {
              default: l(() => [
                e(c, {
                  prop: "leader_name",
                  label: t.t("leader"),
                  "min-width": "120"
                }, null, 8, ["label"]),
                e(c, {
                  label: t.t("accrued"),
                  width: "110"
                }, {
                  default: l(({ row: m }) => [
                    d("¥" + a(n(F)(m.accrued_fen)), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(c, {
                  label: t.t("reversed"),
                  width: "110"
                }, {
                  default: l(({ row: m }) => [
                    d("¥" + a(n(F)(m.reversed_fen)), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(c, {
                  label: t.t("totalCommission"),
                  width: "120"
                }, {
                  default: l(({ row: m }) => [
                    d("¥" + a(n(F)(m.total_fen)), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(c, {
                  label: t.t("entryCount"),
                  width: "90"
                }, {
                  default: l(({ row: m }) => [
                    d(a(m.entries.length), 1)
                  ]),
                  _: 1
                }, 8, ["label"])
              ]),
              _: 1
            }, 8, ["data"])
          ]),
          _: 1
        }, 8, ["modelValue", "title"])
      ]);
    };
  }
}, ye = /* @__PURE__ */ Y(ve, [["__scopeId", "data-v-b95635b3"]]), ge = { class: "page-title" }, $e = {
  __name: "CommunityGroup",
  setup(t) {
    const p = ie(de), _ = S("leaders");
    return (V, v) => {
      const y = s("el-tab-pane"), u = s("el-tabs");
      return j(), A("div", null, [
        U("h2", ge, a(n(p)("title")), 1),
        e(u, {
          modelValue: _.value,
          "onUpdate:modelValue": v[0] || (v[0] = (g) => _.value = g),
          "data-test": "community-tabs"
        }, {
          default: l(() => [
            e(y, {
              label: n(p)("leaders"),
              name: "leaders"
            }, {
              default: l(() => [
                e(ce, { t: n(p) }, null, 8, ["t"])
              ]),
              _: 1
            }, 8, ["label"]),
            e(y, {
              label: n(p)("pickupPoints"),
              name: "points",
              lazy: ""
            }, {
              default: l(() => [
                e(ue, { t: n(p) }, null, 8, ["t"])
              ]),
              _: 1
            }, 8, ["label"]),
            e(y, {
              label: n(p)("batches"),
              name: "batches",
              lazy: ""
            }, {
              default: l(() => [
                e(_e, { t: n(p) }, null, 8, ["t"])
              ]),
              _: 1
            }, 8, ["label"]),
            e(y, {
              label: n(p)("settlements"),
              name: "settlements",
              lazy: ""
            }, {
              default: l(() => [
                e(ye, { t: n(p) }, null, 8, ["t"])
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["modelValue"])
      ]);
    };
  }
};
export {
  $e as CommunityGroup
};
