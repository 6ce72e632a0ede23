import { ref as S, reactive as q, resolveComponent as r, openBlock as $, createElementBlock as A, createVNode as e, withCtx as l, Fragment as K, renderList as ae, createTextVNode as d, toDisplayString as a, createElementVNode as U, unref as i, createBlock as z, createCommentVNode as M } from "vue";
import { hasRole as ne, when as D, api as L, fieldErrors as oe, useListAndForm as Q, request as ie, yuan as H, createTranslator as se } from "@kaidian/admin";
import { ElMessage as B } from "element-plus";
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
}, G = (t, b) => {
  const _ = t.__vccOpts || t;
  for (const [V, h] of b)
    _[V] = h;
  return _;
}, re = { class: "muted" }, ce = { "data-test": "leader-full-name" }, ue = ["href"], O = "/api/admin/community_group/leaders", me = {
  __name: "LeadersTab",
  props: { t: { type: Function, required: !0 } },
  setup(t) {
    const b = t, _ = ["all", "pending", "approved", "rejected"], V = { pending: "warning", approved: "success", rejected: "info" }, h = { approve: "approveTitle", reject: "rejectTitle", commission: "setCommission" }, v = S([]), p = S("all"), y = S(!1), g = S(!1), k = S({}), w = S("approve"), s = q({ id: null, commission: void 0, note: "" }), o = q({ name: "", phone: "" }), C = ne("owner", "operator"), j = (f) => `${(f / 100).toFixed(2).replace(/\.?0+$/, "")}%`, x = (f) => f == null ? null : Math.round(f * 100);
    async function P() {
      try {
        v.value = await L.get(p.value === "all" ? O : `${O}?status=${p.value}`);
      } catch (f) {
        B.error(f.message);
      }
    }
    async function u(f, n) {
      w.value = n, Object.assign(s, { id: f.id, note: "", commission: n === "commission" ? f.commission_bp / 100 : void 0 }), Object.assign(o, { name: f.name, phone: "" }), k.value = {}, y.value = !0;
      try {
        const m = await L.get(`${O}/${f.id}`);
        s.id === f.id && Object.assign(o, { name: m.name, phone: m.phone });
      } catch (m) {
        B.error(m.message);
      }
    }
    async function T() {
      g.value = !0, k.value = {};
      try {
        w.value === "commission" ? await L.put(`${O}/${s.id}/commission`, { commission_bp: x(s.commission ?? 0) }) : w.value === "approve" ? await L.post(`${O}/${s.id}/approve`, { note: s.note, commission_bp: x(s.commission) }) : await L.post(`${O}/${s.id}/reject`, { note: s.note }), y.value = !1, B.success(b.t("saved")), await P();
      } catch (f) {
        k.value = oe(f), B.error(f.message);
      } finally {
        g.value = !1;
      }
    }
    return P(), (f, n) => {
      const m = r("el-radio-button"), E = r("el-radio-group"), N = r("el-table-column"), W = r("el-tag"), R = r("el-button"), X = r("el-table"), F = r("el-form-item"), Z = r("el-input-number"), ee = r("el-input"), te = r("el-form"), le = r("el-dialog");
      return $(), A("div", null, [
        e(E, {
          modelValue: p.value,
          "onUpdate:modelValue": n[0] || (n[0] = (c) => p.value = c),
          size: "small",
          class: "filter",
          "data-test": "leader-status",
          onChange: P
        }, {
          default: l(() => [
            ($(), A(K, null, ae(_, (c) => e(m, {
              key: c,
              value: c
            }, {
              default: l(() => [
                d(a(t.t(`leader.${c}`)), 1)
              ]),
              _: 2
            }, 1032, ["value"])), 64))
          ]),
          _: 1
        }, 8, ["modelValue"]),
        e(X, {
          data: v.value,
          border: "",
          "data-test": "leaders",
          "empty-text": t.t("noLeaders")
        }, {
          default: l(() => [
            e(N, {
              prop: "name",
              label: t.t("name"),
              width: "110"
            }, null, 8, ["label"]),
            e(N, {
              prop: "phone",
              label: t.t("phone"),
              width: "130"
            }, null, 8, ["label"]),
            e(N, {
              label: t.t("pickupPoint"),
              "min-width": "220"
            }, {
              default: l(({ row: c }) => [
                d(a(c.pickup_point.name), 1),
                U("div", re, a(c.pickup_point.address), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            e(N, {
              label: t.t("commission"),
              width: "100"
            }, {
              default: l(({ row: c }) => [
                d(a(j(c.commission_bp)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            e(N, {
              label: t.t("status"),
              width: "100"
            }, {
              default: l(({ row: c }) => [
                e(W, {
                  size: "small",
                  type: V[c.status]
                }, {
                  default: l(() => [
                    d(a(t.t(`leader.${c.status}`)), 1)
                  ]),
                  _: 2
                }, 1032, ["type"])
              ]),
              _: 1
            }, 8, ["label"]),
            e(N, {
              label: t.t("appliedAt"),
              width: "170"
            }, {
              default: l(({ row: c }) => [
                d(a(i(D)(c.created_at)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            e(N, {
              label: t.t("actions"),
              width: "170"
            }, {
              default: l(({ row: c }) => [
                c.status === "pending" ? ($(), A(K, { key: 0 }, [
                  e(R, {
                    link: "",
                    type: "primary",
                    disabled: !i(C),
                    "data-test": "approve-leader",
                    onClick: (I) => u(c, "approve")
                  }, {
                    default: l(() => [
                      d(a(t.t("approveLeader")), 1)
                    ]),
                    _: 1
                  }, 8, ["disabled", "onClick"]),
                  e(R, {
                    link: "",
                    type: "danger",
                    disabled: !i(C),
                    "data-test": "reject-leader",
                    onClick: (I) => u(c, "reject")
                  }, {
                    default: l(() => [
                      d(a(t.t("rejectLeader")), 1)
                    ]),
                    _: 1
                  }, 8, ["disabled", "onClick"])
                ], 64)) : c.status === "approved" ? ($(), z(R, {
                  key: 1,
                  link: "",
                  type: "primary",
                  disabled: !i(C),
                  onClick: (I) => u(c, "commission")
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
        e(le, {
          modelValue: y.value,
          "onUpdate:modelValue": n[4] || (n[4] = (c) => y.value = c),
          title: t.t(h[w.value]),
          width: "480px",
          "data-test": "leader-dialog"
        }, {
          footer: l(() => [
            e(R, {
              onClick: n[3] || (n[3] = (c) => y.value = !1)
            }, {
              default: l(() => [
                d(a(t.t("cancel")), 1)
              ]),
              _: 1
            }),
            e(R, {
              type: "primary",
              loading: g.value,
              "data-test": "save-review",
              onClick: T
            }, {
              default: l(() => [
                d(a(t.t("confirm")), 1)
              ]),
              _: 1
            }, 8, ["loading"])
          ]),
          default: l(() => [
            e(te, { "label-width": "130px" }, {
              default: l(() => [
                e(F, {
                  label: t.t("name")
                }, {
                  default: l(() => [
                    U("span", ce, a(o.name), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(F, {
                  label: t.t("phone")
                }, {
                  default: l(() => [
                    o.phone ? ($(), A("a", {
                      key: 0,
                      href: `tel:${o.phone}`,
                      "data-test": "leader-full-phone"
                    }, a(o.phone), 9, ue)) : M("", !0)
                  ]),
                  _: 1
                }, 8, ["label"]),
                w.value !== "reject" ? ($(), z(F, {
                  key: 0,
                  label: t.t("commissionPercent"),
                  error: k.value.commission_bp
                }, {
                  default: l(() => [
                    e(Z, {
                      modelValue: s.commission,
                      "onUpdate:modelValue": n[1] || (n[1] = (c) => s.commission = c),
                      min: 0,
                      max: 50,
                      precision: 2,
                      placeholder: t.t("defaultRate"),
                      "data-test": "leader-commission"
                    }, null, 8, ["modelValue", "placeholder"])
                  ]),
                  _: 1
                }, 8, ["label", "error"])) : M("", !0),
                w.value !== "commission" ? ($(), z(F, {
                  key: 1,
                  label: t.t("reviewNote"),
                  error: k.value.note
                }, {
                  default: l(() => [
                    e(ee, {
                      modelValue: s.note,
                      "onUpdate:modelValue": n[2] || (n[2] = (c) => s.note = c),
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
}, pe = /* @__PURE__ */ G(me, [["__scopeId", "data-v-72429d03"]]), be = {
  __name: "PickupPointsTab",
  props: { t: { type: Function, required: !0 } },
  setup(t) {
    const b = S([]);
    return L.get("/api/admin/community_group/leaders?status=approved").then((_) => b.value = _, (_) => B.error(_.message)), (_, V) => {
      const h = r("el-table-column"), v = r("el-table");
      return $(), z(v, {
        data: b.value,
        border: "",
        "data-test": "pickup-points",
        "empty-text": t.t("noPoints")
      }, {
        default: l(() => [
          e(h, {
            label: t.t("pickupPoint"),
            "min-width": "160"
          }, {
            default: l(({ row: p }) => [
              d(a(p.pickup_point.name), 1)
            ]),
            _: 1
          }, 8, ["label"]),
          e(h, {
            label: t.t("address"),
            "min-width": "220"
          }, {
            default: l(({ row: p }) => [
              d(a(p.pickup_point.address), 1)
            ]),
            _: 1
          }, 8, ["label"]),
          e(h, {
            label: t.t("openingHours"),
            width: "160"
          }, {
            default: l(({ row: p }) => [
              d(a(p.pickup_point.opening_hours), 1)
            ]),
            _: 1
          }, 8, ["label"]),
          e(h, {
            label: t.t("leader"),
            width: "150"
          }, {
            default: l(({ row: p }) => [
              d(a(p.name) + " · " + a(p.phone), 1)
            ]),
            _: 1
          }, 8, ["label"]),
          e(h, {
            label: t.t("coordinates"),
            width: "190"
          }, {
            default: l(({ row: p }) => [
              d(a(p.pickup_point.latitude.toFixed(5)) + ", " + a(p.pickup_point.longitude.toFixed(5)), 1)
            ]),
            _: 1
          }, 8, ["label"])
        ]),
        _: 1
      }, 8, ["data", "empty-text"]);
    };
  }
}, fe = { class: "muted" }, _e = { class: "muted" }, he = { class: "muted" }, Y = "/api/admin/community_group/batches", ve = {
  __name: "BatchesTab",
  props: { t: { type: Function, required: !0 } },
  setup(t) {
    const { rows: b, form: _, errors: V, busy: h, canManage: v, save: p } = Q({
      url: Y,
      emptyForm: () => ({ id: null, cutoff: null }),
      createBody: (s) => {
        var o;
        return { cutoff: ((o = s.cutoff) == null ? void 0 : o.toISOString()) ?? null };
      }
    }), y = S(!1), g = q({ batch: null, rows: [] });
    async function k(s) {
      try {
        Object.assign(g, { batch: s, rows: await L.get(`${Y}/${s.id}/picking-list`) }), y.value = !0;
      } catch (o) {
        B.error(o.message);
      }
    }
    async function w(s, o) {
      try {
        const C = await ie("GET", `${Y}/${s.id}/picking-list?format=${o}`, void 0, { raw: !0 }), j = Object.assign(document.createElement("a"), { href: URL.createObjectURL(await C.blob()), download: `picking-${s.batch_no}.${o}` });
        j.click(), URL.revokeObjectURL(j.href);
      } catch (C) {
        B.error(C.message);
      }
    }
    return (s, o) => {
      var n;
      const C = r("el-date-picker"), j = r("el-form-item"), x = r("el-button"), P = r("el-form"), u = r("el-table-column"), T = r("el-table"), f = r("el-dialog");
      return $(), A("div", null, [
        e(P, {
          inline: "",
          class: "create"
        }, {
          default: l(() => [
            e(j, {
              label: t.t("cutoff"),
              error: i(V).cutoff
            }, {
              default: l(() => [
                e(C, {
                  modelValue: i(_).cutoff,
                  "onUpdate:modelValue": o[0] || (o[0] = (m) => i(_).cutoff = m),
                  type: "datetime",
                  placeholder: t.t("cutoffNow"),
                  "data-test": "batch-cutoff"
                }, null, 8, ["modelValue", "placeholder"])
              ]),
              _: 1
            }, 8, ["label", "error"]),
            e(x, {
              type: "primary",
              disabled: !i(v),
              loading: i(h),
              "data-test": "new-batch",
              onClick: i(p)
            }, {
              default: l(() => [
                d(a(t.t("newBatch")), 1)
              ]),
              _: 1
            }, 8, ["disabled", "loading", "onClick"])
          ]),
          _: 1
        }),
        U("p", fe, a(t.t("batchHelp")), 1),
        e(T, {
          data: i(b),
          border: "",
          "data-test": "batches",
          "empty-text": t.t("noBatches")
        }, {
          default: l(() => [
            e(u, {
              prop: "batch_no",
              label: t.t("batchNo"),
              "min-width": "160"
            }, null, 8, ["label"]),
            e(u, {
              label: t.t("cutoff"),
              width: "180"
            }, {
              default: l(({ row: m }) => [
                d(a(i(D)(m.cutoff)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            e(u, {
              prop: "order_count",
              label: t.t("orderCount"),
              width: "90"
            }, null, 8, ["label"]),
            e(u, {
              prop: "created_by",
              label: t.t("createdBy"),
              width: "120"
            }, null, 8, ["label"]),
            e(u, {
              label: t.t("actions"),
              width: "240"
            }, {
              default: l(({ row: m }) => [
                e(x, {
                  link: "",
                  type: "primary",
                  "data-test": "picking-list",
                  onClick: (E) => k(m)
                }, {
                  default: l(() => [
                    d(a(t.t("pickingList")), 1)
                  ]),
                  _: 1
                }, 8, ["onClick"]),
                e(x, {
                  link: "",
                  onClick: (E) => w(m, "csv")
                }, {
                  default: l(() => [...o[2] || (o[2] = [
                    d("CSV", -1)
                  ])]),
                  _: 1
                }, 8, ["onClick"]),
                e(x, {
                  link: "",
                  onClick: (E) => w(m, "xlsx")
                }, {
                  default: l(() => [...o[3] || (o[3] = [
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
        e(f, {
          modelValue: y.value,
          "onUpdate:modelValue": o[1] || (o[1] = (m) => y.value = m),
          title: `${t.t("pickingList")} · ${((n = g.batch) == null ? void 0 : n.batch_no) ?? ""}`,
          width: "760px",
          "data-test": "picking-dialog"
        }, {
          default: l(() => [
            e(T, {
              data: g.rows,
              border: "",
              size: "small"
            }, {
              default: l(() => [
                e(u, {
                  label: t.t("pickupPoint"),
                  "min-width": "160"
                }, {
                  default: l(({ row: m }) => [
                    d(a(m.point_name), 1),
                    U("div", _e, a(m.leader_name) + " · " + a(m.leader_phone), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(u, {
                  label: t.t("sku"),
                  "min-width": "180"
                }, {
                  default: l(({ row: m }) => [
                    d(a(m.title), 1),
                    U("div", he, a(m.sku_code), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(u, {
                  prop: "quantity",
                  label: t.t("units"),
                  width: "70"
                }, null, 8, ["label"]),
                e(u, {
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
}, ye = /* @__PURE__ */ G(ve, [["__scopeId", "data-v-901e52ed"]]), ge = { class: "muted" }, J = "/api/admin/community_group/settlements", ke = {
  __name: "SettlementsTab",
  props: { t: { type: Function, required: !0 } },
  setup(t) {
    const b = () => {
      const s = /* @__PURE__ */ new Date(), o = new Date(s.getFullYear(), s.getMonth() - 1, 1);
      return `${o.getFullYear()}-${String(o.getMonth() + 1).padStart(2, "0")}`;
    }, { rows: _, form: V, errors: h, busy: v, canManage: p, save: y } = Q({
      url: J,
      emptyForm: () => ({ id: null, period: b() }),
      createBody: (s) => ({ period: s.period })
    }), g = S(!1), k = q({ period: "", rows: [] });
    async function w(s) {
      try {
        Object.assign(k, { period: s.period, rows: await L.get(`${J}/${s.id}/statements`) }), g.value = !0;
      } catch (o) {
        B.error(o.message);
      }
    }
    return (s, o) => {
      const C = r("el-date-picker"), j = r("el-form-item"), x = r("el-button"), P = r("el-form"), u = r("el-table-column"), T = r("el-table"), f = r("el-dialog");
      return $(), A("div", null, [
        e(P, { inline: "" }, {
          default: l(() => [
            e(j, {
              label: t.t("period"),
              error: i(h).period
            }, {
              default: l(() => [
                e(C, {
                  modelValue: i(V).period,
                  "onUpdate:modelValue": o[0] || (o[0] = (n) => i(V).period = n),
                  type: "month",
                  "value-format": "YYYY-MM",
                  "data-test": "settle-period"
                }, null, 8, ["modelValue"])
              ]),
              _: 1
            }, 8, ["label", "error"]),
            e(x, {
              type: "primary",
              disabled: !i(p),
              loading: i(v),
              "data-test": "settle",
              onClick: i(y)
            }, {
              default: l(() => [
                d(a(t.t("settle")), 1)
              ]),
              _: 1
            }, 8, ["disabled", "loading", "onClick"])
          ]),
          _: 1
        }),
        U("p", ge, a(t.t("settleHelp")), 1),
        e(T, {
          data: i(_),
          border: "",
          "data-test": "settlements",
          "empty-text": t.t("noSettlements")
        }, {
          default: l(() => [
            e(u, {
              prop: "period",
              label: t.t("period"),
              width: "110"
            }, null, 8, ["label"]),
            e(u, {
              prop: "entry_count",
              label: t.t("entryCount"),
              width: "100"
            }, null, 8, ["label"]),
            e(u, {
              label: t.t("totalCommission"),
              width: "130"
            }, {
              default: l(({ row: n }) => [
                d("¥" + a(i(H)(n.total_fen)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            e(u, {
              prop: "created_by",
              label: t.t("createdBy"),
              width: "120"
            }, null, 8, ["label"]),
            e(u, {
              label: t.t("createdAt"),
              "min-width": "170"
            }, {
              default: l(({ row: n }) => [
                d(a(i(D)(n.created_at)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            e(u, {
              label: t.t("actions"),
              width: "100"
            }, {
              default: l(({ row: n }) => [
                e(x, {
                  link: "",
                  type: "primary",
                  onClick: (m) => w(n)
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
        e(f, {
          modelValue: g.value,
          "onUpdate:modelValue": o[1] || (o[1] = (n) => g.value = n),
          title: `${t.t("statements")} · ${k.period}`,
          width: "640px",
          "data-test": "statements-dialog"
        }, {
          default: l(() => [
            e(T, {
              data: k.rows,
              border: "",
              size: "small"
            }, {
              default: l(() => [
                e(u, {
                  prop: "leader_name",
                  label: t.t("leader"),
                  "min-width": "120"
                }, null, 8, ["label"]),
                e(u, {
                  label: t.t("accrued"),
                  width: "110"
                }, {
                  default: l(({ row: n }) => [
                    d("¥" + a(i(H)(n.accrued_fen)), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(u, {
                  label: t.t("reversed"),
                  width: "110"
                }, {
                  default: l(({ row: n }) => [
                    d("¥" + a(i(H)(n.reversed_fen)), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(u, {
                  label: t.t("totalCommission"),
                  width: "120"
                }, {
                  default: l(({ row: n }) => [
                    d("¥" + a(i(H)(n.total_fen)), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                e(u, {
                  label: t.t("entryCount"),
                  width: "90"
                }, {
                  default: l(({ row: n }) => [
                    d(a(n.entries.length), 1)
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
}, we = /* @__PURE__ */ G(ke, [["__scopeId", "data-v-b95635b3"]]), Ce = { class: "page-title" }, Se = {
  __name: "CommunityGroup",
  setup(t) {
    const b = se(de), _ = S("leaders");
    return (V, h) => {
      const v = r("el-tab-pane"), p = r("el-tabs");
      return $(), A("div", null, [
        U("h2", Ce, a(i(b)("title")), 1),
        e(p, {
          modelValue: _.value,
          "onUpdate:modelValue": h[0] || (h[0] = (y) => _.value = y),
          "data-test": "community-tabs"
        }, {
          default: l(() => [
            e(v, {
              label: i(b)("leaders"),
              name: "leaders"
            }, {
              default: l(() => [
                e(pe, { t: i(b) }, null, 8, ["t"])
              ]),
              _: 1
            }, 8, ["label"]),
            e(v, {
              label: i(b)("pickupPoints"),
              name: "points",
              lazy: ""
            }, {
              default: l(() => [
                e(be, { t: i(b) }, null, 8, ["t"])
              ]),
              _: 1
            }, 8, ["label"]),
            e(v, {
              label: i(b)("batches"),
              name: "batches",
              lazy: ""
            }, {
              default: l(() => [
                e(ye, { t: i(b) }, null, 8, ["t"])
              ]),
              _: 1
            }, 8, ["label"]),
            e(v, {
              label: i(b)("settlements"),
              name: "settlements",
              lazy: ""
            }, {
              default: l(() => [
                e(we, { t: i(b) }, null, 8, ["t"])
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
  Se as CommunityGroup
};
