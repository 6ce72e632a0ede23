import { reactive as ue, computed as D, ref as L, watch as ye, resolveComponent as y, openBlock as v, createElementBlock as O, createElementVNode as V, toDisplayString as o, unref as e, createVNode as r, withCtx as i, createTextVNode as f, Fragment as M, createCommentVNode as S, createBlock as C, renderList as ae, resolveDynamicComponent as xe, withModifiers as fe, onMounted as _e } from "vue";
import { useRoute as we, useRouter as ge } from "vue-router";
import { ElMessage as q } from "element-plus";
import { session as Ve, api as Q, createTranslator as ne, hasRole as he, yuan as de, when as $e, tr as me } from "@kaidian/admin";
import { VChart as ve } from "@kaidian/charts";
import { DataAnalysis as ke } from "@element-plus/icons-vue";
const oe = {
  "zh-CN": {
    experiments: "A/B 实验",
    newExperiment: "新建实验",
    pageExperiment: "页面实验",
    newPageExperiment: "新建页面实验",
    experimentName: "实验名称",
    goal: "目标指标",
    "goal.block_ctr": "组件点击率",
    "goal.add_to_cart_rate": "加购率",
    "goal.order_conversion": "下单转化率",
    "goal.gmv_per_visitor": "人均成交额",
    minimumSample: "每组最小样本",
    holdout: "留出组（%）",
    holdoutHelp: "留出组看到原版，不计入比较",
    variants: "变体",
    variant: "变体",
    control: "对照组（原版）",
    weight: "流量占比",
    addVariant: "添加变体",
    removeVariant: "删除变体",
    saveDraftExperiment: "保存为草稿",
    createAndStart: "创建并开始",
    start: "开始",
    stop: "停止",
    created: "实验已创建",
    startedOk: "实验已开始",
    stoppedOk: "实验已停止",
    runningOnBlock: "该组件已有进行中的实验「{name}」：同一组件同时只能进行一个实验",
    runningOnPage: "该页面已有进行中的页面实验「{name}」",
    startRefused: "实验已保存为草稿，但无法开始：{message}",
    saveFirst: "实验需要组件保存在草稿中：已先保存草稿",
    "status.draft": "草稿",
    "status.running": "进行中",
    "status.stopped": "已停止",
    shipped: "已上线",
    underExperiment: "实验中",
    draftExperiment: "实验草稿",
    page: "页面",
    block: "组件",
    kind: "类型",
    "kind.block": "组件实验",
    "kind.page": "页面实验",
    noExperiments: "暂无实验：在页面装修中选中组件，点击“新建实验”",
    chooseExperiment: "选择左侧的实验查看结果",
    visitors: "访客",
    conversions: "转化",
    rate: "转化率",
    gmvPerVisitor: "人均成交额（元）",
    difference: "差值（95% 区间）",
    uplift: "相对提升",
    chanceToBeat: "胜过对照组的概率",
    pValue: "p 值",
    verdict: "结论",
    holdoutArm: "留出组",
    "verdict.collecting": "样本不足：每组达到 {n} 个访客前不判定胜负",
    "verdict.variant_wins": "变体胜出",
    "verdict.control_wins": "对照组胜出",
    "verdict.no_difference": "差异不显著",
    "verdict.sample_ratio_mismatch": "分流比例异常，结果不可信",
    srmOk: "分流正常（p = {p}）",
    srmFlag: "样本比例异常 SRM（p = {p}）：分流或埋点有问题，结果不可信",
    winnerIs: "胜出：{key}",
    noWinner: "尚无胜出版本",
    exportCsv: "导出 CSV",
    shipWinner: "上线胜出版本",
    shipVariant: "上线变体",
    shipHelp: "把所选变体写入页面草稿（生成新版本），并停止实验；实验与结果保留在页面历史中。发布草稿后顾客才会看到。",
    notTheWinner: "所选变体不是统计上的胜出版本（{why}）。",
    confirmNotWinner: "我了解风险，仍要上线此变体",
    shippedTo: "已上线变体 {key} → 页面草稿第 {n} 版",
    shippedForced: "（未判定胜出时人工确认上线）",
    openEditor: "在页面装修中查看",
    shippedOk: "已写入草稿第 {n} 版，实验已停止",
    rateChart: "各组转化率",
    intervalChart: "相对对照组的差值与 95% 区间",
    pageBlocks: "本变体的组件顺序",
    moveUp: "上移",
    moveDown: "下移",
    removeBlock: "移除",
    startedAt: "开始时间",
    resultsOf: "实验结果",
    viewResults: "查看结果",
    blockCount: "{n} 个组件",
    editorDirtyShip: "编辑器中有未保存的修改"
  },
  en: {
    experiments: "A/B experiments",
    newExperiment: "New experiment",
    pageExperiment: "Page experiment",
    newPageExperiment: "New page experiment",
    experimentName: "Experiment name",
    goal: "Goal metric",
    "goal.block_ctr": "Block CTR",
    "goal.add_to_cart_rate": "Add-to-cart rate",
    "goal.order_conversion": "Order conversion",
    "goal.gmv_per_visitor": "GMV per visitor",
    minimumSample: "Minimum sample per arm",
    holdout: "Holdout (%)",
    holdoutHelp: "The holdout sees the original and is left out of the comparison",
    variants: "Variants",
    variant: "Variant",
    control: "Control (original)",
    weight: "Traffic weight",
    addVariant: "Add variant",
    removeVariant: "Remove variant",
    saveDraftExperiment: "Save as draft",
    createAndStart: "Create and start",
    start: "Start",
    stop: "Stop",
    created: "Experiment created",
    startedOk: "Experiment started",
    stoppedOk: "Experiment stopped",
    runningOnBlock: "“{name}” is already running on this block: one experiment per block at a time",
    runningOnPage: "Page experiment “{name}” is already running",
    startRefused: "Saved as a draft but it cannot start: {message}",
    saveFirst: "An experiment needs its block saved in the draft: the draft was saved first",
    "status.draft": "Draft",
    "status.running": "Running",
    "status.stopped": "Stopped",
    shipped: "Shipped",
    underExperiment: "Experiment",
    draftExperiment: "Draft experiment",
    page: "Page",
    block: "Block",
    kind: "Kind",
    "kind.block": "Block",
    "kind.page": "Page",
    noExperiments: "No experiments yet: select a block in the page editor and click “New experiment”",
    chooseExperiment: "Choose an experiment to see its results",
    visitors: "Visitors",
    conversions: "Conversions",
    rate: "Rate",
    gmvPerVisitor: "GMV per visitor (¥)",
    difference: "Difference (95 % interval)",
    uplift: "Uplift",
    chanceToBeat: "Chance to beat control",
    pValue: "p-value",
    verdict: "Verdict",
    holdoutArm: "Holdout",
    "verdict.collecting": "Collecting: no winner before every arm has {n} visitors",
    "verdict.variant_wins": "Variant wins",
    "verdict.control_wins": "Control wins",
    "verdict.no_difference": "No significant difference",
    "verdict.sample_ratio_mismatch": "Sample ratio mismatch: not to be trusted",
    srmOk: "Split as planned (p = {p})",
    srmFlag: "Sample ratio mismatch (p = {p}): assignment or tracking is broken, results are not to be trusted",
    winnerIs: "Winner: {key}",
    noWinner: "No winner yet",
    exportCsv: "Export CSV",
    shipWinner: "Ship the winner",
    shipVariant: "Ship a variant",
    shipHelp: "Writes the chosen variant into the page draft as a new version and stops the experiment; the page's history keeps the experiment and its result. Customers see it once the draft is published.",
    notTheWinner: "The chosen variant is not the statistically called winner ({why}).",
    confirmNotWinner: "I understand, ship this variant anyway",
    shippedTo: "Shipped variant {key} → page draft version {n}",
    shippedForced: " (confirmed by hand, no winner called)",
    openEditor: "Open in the page editor",
    shippedOk: "Written into draft version {n}; the experiment stopped",
    rateChart: "Rate per variant",
    intervalChart: "Difference to control with 95 % interval",
    pageBlocks: "This variant's blocks, in order",
    moveUp: "Move up",
    moveDown: "Move down",
    removeBlock: "Remove",
    startedAt: "Started",
    resultsOf: "Results",
    viewResults: "View results",
    blockCount: "{n} blocks",
    editorDirtyShip: "The editor has unsaved changes"
  }
}, X = ue({ experiments: [], shop: null });
let te = null;
function Y({ force: k = !1 } = {}) {
  var n;
  const t = ((n = Ve.data) == null ? void 0 : n.shop_id) ?? null;
  return !k && te && X.shop === t || (X.shop = t, te = Q.get("/api/admin/experiments").then(
    (g) => (X.experiments = g, g),
    (g) => {
      throw te = null, g;
    }
  )), te;
}
function pe(k, t) {
  return X.experiments.filter(
    (n) => n.page_route === k && n.status !== "stopped" && (t === void 0 ? n.kind === "page" : n.kind === "block" && n.block_id === t)
  );
}
function Ce(k) {
  const t = k.variants.slice(1).filter((g) => g.key !== "holdout" && g.verdict);
  if (!t.length) return null;
  const n = t.filter((g) => g.verdict === "variant_wins");
  return n.length ? n.reduce((g, u) => u.comparison.difference > g.comparison.difference ? u : g).key : t.every((g) => g.verdict === "control_wins") ? k.variants[0].key : null;
}
const Ee = ["b", "c", "d", "e"], ce = (k, t) => {
  const n = k.__vccOpts || k;
  for (const [g, u] of t)
    n[g] = u;
  return n;
}, Se = { class: "head" }, Oe = { class: "page-title" }, Be = { class: "columns" }, Ae = ["data-experiment"], Ue = { class: "detail-head" }, Re = { class: "muted" }, Te = { class: "flags" }, We = ["data-variant"], Ne = ["data-verdict"], Fe = { class: "charts" }, De = { class: "chart-box" }, Pe = { class: "chart-title" }, je = { class: "chart-box" }, ze = { class: "chart-title" }, Me = { class: "muted" }, qe = {
  __name: "ExperimentsScreen",
  setup(k) {
    const t = ne(oe), n = we(), g = ge(), u = { draft: "info", running: "warning", stopped: "" }, T = D(() => he("owner", "operator")), _ = L(null), P = L(""), l = D(() => X.experiments.find((a) => String(a.id) === String(n.query.id)) ?? null), W = D(() => {
      var a;
      return ((a = l.value) == null ? void 0 : a.goal) === "gmv_per_visitor";
    }), h = D(() => {
      var a, d;
      return (a = l.value) != null && a.shipped_variant ? ((d = l.value.result) == null ? void 0 : d.winner) ?? null : _.value ? Ce(_.value) : null;
    }), j = (a) => {
      var d, c;
      return a === "holdout" ? t("holdoutArm") : a === ((c = (d = l.value) == null ? void 0 : d.variants[0]) == null ? void 0 : c.key) ? t("control") : `${t("variant")} ${a.toUpperCase()}`;
    }, z = (a) => a == null ? "—" : `${(a * 100).toFixed(1)}%`, J = (a) => a.startsWith("-") ? a : `+${a}`, G = (a) => a < 1e-4 ? "< 0.0001" : a.toFixed(4);
    function Z(a) {
      const d = W.value ? (B) => `¥${de(B)}` : (B) => `${(B * 100).toFixed(1)}pp`, c = (B) => B >= 0 ? `+${d(B)}` : `-${d(-B)}`;
      return `${c(a.difference)} (${c(a.low)} ~ ${c(a.high)})`;
    }
    const le = ({ row: a }) => String(a.id) === String(n.query.id) ? "current-row" : "";
    function re(a) {
      g.replace({ query: { id: a.id } });
    }
    async function ee() {
      if (_.value = null, !!l.value) {
        if (l.value.shipped_variant && l.value.result) {
          _.value = l.value.result;
          return;
        }
        if (l.value.status !== "draft")
          try {
            _.value = await Q.get(`/api/admin/experiments/${l.value.id}/results`);
          } catch (a) {
            q.error(a.message);
          }
      }
    }
    ye(() => {
      var a, d, c;
      return [(a = l.value) == null ? void 0 : a.id, (d = l.value) == null ? void 0 : d.status, (c = l.value) == null ? void 0 : c.shipped_variant];
    }, ee), Y({ force: !0 }).then(ee, (a) => q.error(a.message));
    async function K(a) {
      P.value = "";
      try {
        await Q.post(`/api/admin/experiments/${l.value.id}/${a}`), q.success(t(a === "start" ? "startedOk" : "stoppedOk"));
      } catch (d) {
        d.status === 409 ? P.value = d.message : q.error(d.message);
      }
      await Y({ force: !0 });
    }
    const x = ue({ open: !1, variant: null, confirm: !1, busy: !1 });
    function ie() {
      Object.assign(x, { open: !0, variant: h.value, confirm: !1, busy: !1 });
    }
    async function $() {
      x.busy = !0;
      try {
        const a = x.variant === h.value ? {} : { variant: x.variant, confirm: x.confirm }, d = await Q.post(`/api/admin/experiments/${l.value.id}/ship`, a);
        q.success(t("shippedOk", { n: d.version })), x.open = !1, await Y({ force: !0 });
      } catch (a) {
        q.error(a.message);
      } finally {
        x.busy = !1;
      }
    }
    const p = D(() => {
      var a;
      return (((a = _.value) == null ? void 0 : a.variants) ?? []).filter((d) => d.key !== "holdout" || d.visitors);
    }), A = D(() => ({
      animation: !1,
      grid: { left: 48, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: p.value.map((a) => j(a.key)) },
      yAxis: { type: "value", axisLabel: { formatter: (a) => W.value ? `¥${de(a)}` : `${(a * 100).toFixed(0)}%` } },
      series: [{ type: "bar", barMaxWidth: 48, itemStyle: { color: "#ff7a3d" }, data: p.value.map((a) => (W.value ? a.gmv_per_visitor_fen : a.rate) ?? 0) }]
    })), E = D(() => {
      const a = p.value.filter((c) => c.comparison), d = W.value ? 1 / 100 : 100;
      return {
        animation: !1,
        grid: { left: 56, right: 16, top: 16, bottom: 28 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: a.map((c) => j(c.key)) },
        yAxis: { type: "value", axisLabel: { formatter: (c) => W.value ? `¥${c}` : `${c}pp` } },
        series: [
          { type: "bar", stack: "interval", itemStyle: { color: "transparent" }, data: a.map((c) => +(c.comparison.low * d).toFixed(2)) },
          { type: "bar", stack: "interval", barMaxWidth: 36, itemStyle: { color: "rgba(64, 158, 255, 0.45)" }, data: a.map((c) => +((c.comparison.high - c.comparison.low) * d).toFixed(2)) },
          { type: "line", symbolSize: 10, itemStyle: { color: "#303133" }, lineStyle: { width: 0 }, data: a.map((c) => +(c.comparison.difference * d).toFixed(2)) }
        ]
      };
    });
    function b() {
      const a = [["variant", "visitors", "conversions", "rate", "gmv_per_visitor_fen", "difference", "ci_low", "ci_high", "uplift", "p_value", "chance_to_beat_control", "verdict"]];
      for (const w of _.value.variants) {
        const N = w.comparison ?? {};
        a.push([w.key, w.visitors, w.conversions, w.rate ?? "", w.gmv_per_visitor_fen ?? "", N.difference ?? "", N.low ?? "", N.high ?? "", N.uplift ?? "", N.p_value ?? "", N.chance_to_beat ?? "", w.verdict ?? ""]);
      }
      a.push([]), a.push(["sample_ratio_p_value", _.value.sample_ratio.p_value, "mismatch", _.value.sample_ratio.mismatch, "minimum_sample", _.value.minimum_sample]);
      const d = (w) => /[",\n]/.test(String(w)) ? `"${String(w).replaceAll('"', '""')}"` : String(w), c = a.map((w) => w.map(d).join(",")).join(`\r
`), B = URL.createObjectURL(new Blob(["\uFEFF", c], { type: "text/csv;charset=utf-8" })), U = Object.assign(document.createElement("a"), { href: B, download: `experiment-${l.value.id}-${l.value.key}.csv` });
      document.body.append(U), U.click(), U.remove(), setTimeout(() => URL.revokeObjectURL(B), 1e4);
    }
    return (a, d) => {
      const c = y("el-table-column"), B = y("el-tag"), U = y("el-table"), w = y("el-button"), N = y("el-alert"), se = y("el-empty"), m = y("el-radio"), F = y("el-radio-group"), I = y("el-checkbox"), H = y("el-dialog");
      return v(), O("div", null, [
        V("div", Se, [
          V("h2", Oe, o(e(t)("experiments")), 1)
        ]),
        V("div", Be, [
          r(U, {
            data: e(X).experiments,
            border: "",
            "highlight-current-row": "",
            class: "list",
            "data-test": "experiment-list",
            "empty-text": e(t)("noExperiments"),
            "row-class-name": le,
            onRowClick: re
          }, {
            default: i(() => [
              r(c, {
                prop: "name",
                label: e(t)("name"),
                "min-width": "120"
              }, null, 8, ["label"]),
              r(c, {
                label: e(t)("page"),
                width: "96"
              }, {
                default: i(({ row: s }) => [
                  f(o(s.page_route) + " · " + o(e(t)(`kind.${s.kind}`)), 1)
                ]),
                _: 1
              }, 8, ["label"]),
              r(c, {
                label: e(t)("status"),
                width: "96"
              }, {
                default: i(({ row: s }) => [
                  r(B, {
                    size: "small",
                    type: s.shipped_variant ? "success" : u[s.status]
                  }, {
                    default: i(() => [
                      f(o(s.shipped_variant ? e(t)("shipped") : e(t)(`status.${s.status}`)), 1)
                    ]),
                    _: 2
                  }, 1032, ["type"])
                ]),
                _: 1
              }, 8, ["label"])
            ]),
            _: 1
          }, 8, ["data", "empty-text"]),
          l.value ? (v(), O("div", {
            key: 0,
            class: "detail",
            "data-test": "experiment-results",
            "data-experiment": l.value.id
          }, [
            V("div", Ue, [
              V("div", null, [
                V("h3", null, o(l.value.name), 1),
                V("div", Re, [
                  f(o(e(t)(`kind.${l.value.kind}`)) + " · " + o(l.value.page_route), 1),
                  l.value.block_id ? (v(), O(M, { key: 0 }, [
                    f(" · " + o(l.value.block_id), 1)
                  ], 64)) : S("", !0),
                  f(" · " + o(e(t)("goal")) + "：" + o(e(t)(`goal.${l.value.goal}`)) + " · " + o(e(t)("minimumSample")) + " " + o(l.value.minimum_sample) + " ", 1),
                  l.value.started_at ? (v(), O(M, { key: 1 }, [
                    f(" · " + o(e(t)("startedAt")) + " " + o(e($e)(l.value.started_at)), 1)
                  ], 64)) : S("", !0)
                ])
              ]),
              d[8] || (d[8] = V("span", { class: "grow" }, null, -1)),
              l.value.status === "draft" ? (v(), C(w, {
                key: 0,
                type: "primary",
                disabled: !T.value,
                "data-test": "experiment-start",
                onClick: d[0] || (d[0] = (s) => K("start"))
              }, {
                default: i(() => [
                  f(o(e(t)("start")), 1)
                ]),
                _: 1
              }, 8, ["disabled"])) : S("", !0),
              l.value.status === "running" ? (v(), C(w, {
                key: 1,
                disabled: !T.value,
                "data-test": "experiment-stop",
                onClick: d[1] || (d[1] = (s) => K("stop"))
              }, {
                default: i(() => [
                  f(o(e(t)("stop")), 1)
                ]),
                _: 1
              }, 8, ["disabled"])) : S("", !0),
              l.value.status !== "draft" && !l.value.shipped_variant ? (v(), C(w, {
                key: 2,
                type: "success",
                disabled: !T.value || !_.value,
                "data-test": "experiment-ship",
                onClick: ie
              }, {
                default: i(() => [
                  f(o(e(t)("shipWinner")), 1)
                ]),
                _: 1
              }, 8, ["disabled"])) : S("", !0),
              r(w, {
                disabled: !_.value,
                "data-test": "experiment-csv",
                onClick: b
              }, {
                default: i(() => [
                  f(o(e(t)("exportCsv")), 1)
                ]),
                _: 1
              }, 8, ["disabled"])
            ]),
            P.value ? (v(), C(N, {
              key: 0,
              type: "error",
              "show-icon": "",
              title: P.value,
              "data-test": "experiment-refused",
              onClose: d[2] || (d[2] = (s) => P.value = "")
            }, null, 8, ["title"])) : S("", !0),
            l.value.shipped_variant ? (v(), C(N, {
              key: 1,
              type: "success",
              "show-icon": "",
              closable: !1,
              "data-test": "experiment-shipped"
            }, {
              title: i(() => [
                f(o(e(t)("shippedTo", { key: l.value.shipped_variant, n: l.value.shipped_version })), 1),
                l.value.shipped_without_winner ? (v(), O(M, { key: 0 }, [
                  f(o(e(t)("shippedForced")), 1)
                ], 64)) : S("", !0),
                r(w, {
                  link: "",
                  type: "primary",
                  "data-test": "open-editor",
                  onClick: d[3] || (d[3] = (s) => e(g).push("/builder"))
                }, {
                  default: i(() => [
                    f(o(e(t)("openEditor")), 1)
                  ]),
                  _: 1
                })
              ]),
              _: 1
            })) : S("", !0),
            _.value ? (v(), O(M, { key: 2 }, [
              V("div", Te, [
                r(B, {
                  type: _.value.sample_ratio.mismatch ? "danger" : "success",
                  "data-test": "srm",
                  "data-mismatch": _.value.sample_ratio.mismatch
                }, {
                  default: i(() => [
                    f(o(_.value.sample_ratio.mismatch ? e(t)("srmFlag", { p: G(_.value.sample_ratio.p_value) }) : e(t)("srmOk", { p: G(_.value.sample_ratio.p_value) })), 1)
                  ]),
                  _: 1
                }, 8, ["type", "data-mismatch"]),
                r(B, {
                  type: h.value ? "success" : "info",
                  "data-test": "winner"
                }, {
                  default: i(() => [
                    f(o(h.value ? e(t)("winnerIs", { key: j(h.value) }) : e(t)("noWinner")), 1)
                  ]),
                  _: 1
                }, 8, ["type"])
              ]),
              r(U, {
                data: _.value.variants.filter((s) => s.key !== "holdout" || s.visitors),
                border: "",
                size: "small",
                "data-test": "variant-table"
              }, {
                default: i(() => [
                  r(c, {
                    label: e(t)("variant"),
                    width: "104"
                  }, {
                    default: i(({ row: s }) => [
                      V("b", {
                        "data-variant": s.key
                      }, o(j(s.key)), 9, We)
                    ]),
                    _: 1
                  }, 8, ["label"]),
                  r(c, {
                    prop: "visitors",
                    label: e(t)("visitors"),
                    width: "72"
                  }, null, 8, ["label"]),
                  r(c, {
                    prop: "conversions",
                    label: e(t)("conversions"),
                    width: "72"
                  }, null, 8, ["label"]),
                  r(c, {
                    label: e(t)("rate"),
                    width: "68"
                  }, {
                    default: i(({ row: s }) => [
                      f(o(z(s.rate)), 1)
                    ]),
                    _: 1
                  }, 8, ["label"]),
                  W.value ? (v(), C(c, {
                    key: 0,
                    label: e(t)("gmvPerVisitor"),
                    width: "110"
                  }, {
                    default: i(({ row: s }) => [
                      f(o(s.gmv_per_visitor_fen == null ? "—" : e(de)(s.gmv_per_visitor_fen)), 1)
                    ]),
                    _: 1
                  }, 8, ["label"])) : S("", !0),
                  r(c, {
                    label: e(t)("uplift"),
                    width: "76"
                  }, {
                    default: i(({ row: s }) => {
                      var R;
                      return [
                        f(o(((R = s.comparison) == null ? void 0 : R.uplift) == null ? "—" : J(z(s.comparison.uplift))), 1)
                      ];
                    }),
                    _: 1
                  }, 8, ["label"]),
                  r(c, {
                    label: e(t)("difference"),
                    "min-width": "150"
                  }, {
                    default: i(({ row: s }) => [
                      f(o(s.comparison ? Z(s.comparison) : "—"), 1)
                    ]),
                    _: 1
                  }, 8, ["label"]),
                  r(c, {
                    label: e(t)("chanceToBeat"),
                    width: "96"
                  }, {
                    default: i(({ row: s }) => {
                      var R;
                      return [
                        f(o(((R = s.comparison) == null ? void 0 : R.chance_to_beat) == null ? "—" : z(s.comparison.chance_to_beat)), 1)
                      ];
                    }),
                    _: 1
                  }, 8, ["label"]),
                  r(c, {
                    label: e(t)("verdict"),
                    "min-width": "130"
                  }, {
                    default: i(({ row: s }) => [
                      s.verdict ? (v(), O("span", {
                        key: 0,
                        "data-verdict": s.verdict
                      }, o(e(t)(`verdict.${s.verdict}`, { n: _.value.minimum_sample })), 9, Ne)) : S("", !0)
                    ]),
                    _: 1
                  }, 8, ["label"])
                ]),
                _: 1
              }, 8, ["data"]),
              V("div", Fe, [
                V("div", De, [
                  V("div", Pe, o(e(t)("rateChart")), 1),
                  r(e(ve), {
                    class: "chart",
                    option: A.value,
                    autoresize: ""
                  }, null, 8, ["option"])
                ]),
                V("div", je, [
                  V("div", ze, o(e(t)("intervalChart")), 1),
                  r(e(ve), {
                    class: "chart",
                    option: E.value,
                    autoresize: ""
                  }, null, 8, ["option"])
                ])
              ])
            ], 64)) : S("", !0)
          ], 8, Ae)) : (v(), C(se, {
            key: 1,
            class: "detail",
            description: e(t)("chooseExperiment")
          }, null, 8, ["description"]))
        ]),
        r(H, {
          modelValue: x.open,
          "onUpdate:modelValue": d[7] || (d[7] = (s) => x.open = s),
          title: e(t)("shipVariant"),
          width: "520px",
          "data-test": "ship-dialog"
        }, {
          footer: i(() => [
            r(w, {
              onClick: d[6] || (d[6] = (s) => x.open = !1)
            }, {
              default: i(() => [
                f(o(e(t)("cancel")), 1)
              ]),
              _: 1
            }),
            r(w, {
              type: "success",
              loading: x.busy,
              disabled: !x.variant || x.variant !== h.value && !x.confirm,
              "data-test": "ship-submit",
              onClick: $
            }, {
              default: i(() => [
                f(o(e(t)("shipVariant")), 1)
              ]),
              _: 1
            }, 8, ["loading", "disabled"])
          ]),
          default: i(() => [
            V("p", Me, o(e(t)("shipHelp")), 1),
            r(F, {
              modelValue: x.variant,
              "onUpdate:modelValue": d[4] || (d[4] = (s) => x.variant = s),
              "data-test": "ship-variant"
            }, {
              default: i(() => {
                var s;
                return [
                  (v(!0), O(M, null, ae(((s = l.value) == null ? void 0 : s.variants) ?? [], (R) => (v(), C(m, {
                    key: R.key,
                    value: R.key,
                    "data-variant": R.key
                  }, {
                    default: i(() => [
                      f(o(j(R.key)), 1)
                    ]),
                    _: 2
                  }, 1032, ["value", "data-variant"]))), 128))
                ];
              }),
              _: 1
            }, 8, ["modelValue"]),
            x.variant && x.variant !== h.value ? (v(), O(M, { key: 0 }, [
              r(N, {
                type: "warning",
                closable: !1,
                "show-icon": "",
                title: e(t)("notTheWinner", { why: h.value ? e(t)("winnerIs", { key: j(h.value) }) : e(t)("noWinner") }),
                style: { "margin-top": "12px" }
              }, null, 8, ["title"]),
              r(I, {
                modelValue: x.confirm,
                "onUpdate:modelValue": d[5] || (d[5] = (s) => x.confirm = s),
                "data-test": "ship-confirm"
              }, {
                default: i(() => [
                  f(o(e(t)("confirmNotWinner")), 1)
                ]),
                _: 1
              }, 8, ["modelValue"])
            ], 64)) : S("", !0)
          ]),
          _: 1
        }, 8, ["modelValue", "title"])
      ]);
    };
  }
}, lt = /* @__PURE__ */ ce(qe, [["__scopeId", "data-v-1863a761"]]), Ie = { class: "muted" }, He = ["data-test"], Le = ["data-test"], Ge = ["data-test"], Ke = { class: "muted" }, Xe = ["data-block"], Ye = {
  __name: "ExperimentDialog",
  props: {
    modelValue: Boolean,
    editor: { type: Object, required: !0 },
    kind: { type: String, default: "block" },
    block: { type: Object, default: null }
  },
  emits: ["update:modelValue", "created"],
  setup(k, { emit: t }) {
    var ie;
    const n = k, g = t, u = ne(oe), T = D(() => he("owner", "operator")), _ = D(() => n.kind === "block" ? ["block_ctr", "add_to_cart_rate", "order_conversion", "gmv_per_visitor"] : ["add_to_cart_rate", "order_conversion", "gmv_per_visitor"]), P = () => n.editor.plain(n.editor.page.components).map(({ _key: $, ...p }) => p), l = () => n.kind === "block" ? { props: n.editor.plain(n.block.props ?? {}) } : { components: P() }, W = n.kind === "block" ? me((ie = n.editor.components[n.block.type]) == null ? void 0 : ie.title) || n.block.type : n.editor.page.title, h = ue({
      name: `${W} · A/B`.slice(0, 60),
      goal: n.kind === "block" ? "block_ctr" : "order_conversion",
      minimum_sample: 1e3,
      holdout_percent: 0,
      variants: [{ key: "control", weight: 50, ...l() }, { key: "b", weight: 50, ...l() }]
    }), j = L("b"), z = L({}), J = L(""), G = L(!1), Z = D(
      () => (n.kind === "block" ? pe(n.editor.page.route, n.block.id) : pe(n.editor.page.route)).find(($) => $.status === "running")
    );
    function le() {
      const $ = Ee.find((p) => !h.variants.some((A) => A.key === p));
      h.variants.push({ key: $, weight: 50, ...l() }), j.value = $;
    }
    function re($) {
      h.variants.splice($, 1), j.value = h.variants[$ - 1].key;
    }
    function ee($, p, A) {
      const [E] = $.components.splice(p, 1);
      $.components.splice(p + A, 0, E);
    }
    function K($) {
      const p = `variants[${$}]`, A = {};
      for (const [E, b] of Object.entries(z.value))
        E === p || E === `${p}.props` || E === `${p}.components` ? A[""] = b : E.startsWith(`${p}.props.`) ? A[E.slice(p.length + 7)] = b : E.startsWith(`${p}.`) && (A[E.slice(p.length + 1)] = b);
      return A;
    }
    async function x($) {
      var p;
      z.value = {}, J.value = "", G.value = !0;
      try {
        if (n.editor.storage === "server") {
          const b = n.kind !== "block" || n.block.id;
          if (n.kind === "block" && n.editor.ensureBlockId(n.block), !b || n.editor.dirty) {
            if (!await n.editor.save({ quiet: !0 })) return;
            q.info(u("saveFirst"));
          }
        }
        const A = {
          name: h.name,
          kind: n.kind,
          page_route: n.editor.page.route,
          goal: h.goal,
          minimum_sample: h.minimum_sample,
          holdout_percent: h.holdout_percent,
          variants: h.variants.map((b) => ({ key: b.key, weight: b.weight, ...n.kind === "block" ? { props: b.props } : { components: b.components } })),
          ...n.kind === "block" ? { block_id: n.block.id, component: n.block.type } : {}
        };
        let E;
        try {
          E = await Q.post("/api/admin/experiments", A);
        } catch (b) {
          (p = b.problem) != null && p.field && (z.value = { [b.problem.field]: b.message }), q.error(b.message);
          return;
        }
        if ($)
          try {
            E = await Q.post(`/api/admin/experiments/${E.id}/start`), q.success(u("startedOk"));
          } catch (b) {
            J.value = u("startRefused", { message: b.message }), await Y({ force: !0 });
            return;
          }
        else q.success(u("created"));
        await Y({ force: !0 }), g("created", E), g("update:modelValue", !1);
      } finally {
        G.value = !1;
      }
    }
    return ($, p) => {
      const A = y("el-alert"), E = y("el-input"), b = y("el-form-item"), a = y("el-radio-button"), d = y("el-radio-group"), c = y("el-input-number"), B = y("el-form"), U = y("el-button"), w = y("el-tab-pane"), N = y("el-tabs"), se = y("el-dialog");
      return v(), C(se, {
        "model-value": k.modelValue,
        title: k.kind === "page" ? e(u)("newPageExperiment") : e(u)("newExperiment"),
        width: "720px",
        "append-to-body": "",
        "data-test": "experiment-dialog",
        "onUpdate:modelValue": p[8] || (p[8] = (m) => $.$emit("update:modelValue", m))
      }, {
        footer: i(() => [
          r(U, {
            onClick: p[5] || (p[5] = (m) => $.$emit("update:modelValue", !1))
          }, {
            default: i(() => [
              f(o(e(u)("cancel")), 1)
            ]),
            _: 1
          }),
          r(U, {
            loading: G.value,
            "data-test": "experiment-save",
            onClick: p[6] || (p[6] = (m) => x(!1))
          }, {
            default: i(() => [
              f(o(e(u)("saveDraftExperiment")), 1)
            ]),
            _: 1
          }, 8, ["loading"]),
          r(U, {
            type: "primary",
            loading: G.value,
            disabled: !T.value,
            "data-test": "experiment-create-start",
            onClick: p[7] || (p[7] = (m) => x(!0))
          }, {
            default: i(() => [
              f(o(e(u)("createAndStart")), 1)
            ]),
            _: 1
          }, 8, ["loading", "disabled"])
        ]),
        default: i(() => [
          Z.value ? (v(), C(A, {
            key: 0,
            type: "warning",
            closable: !1,
            "show-icon": "",
            title: k.kind === "page" ? e(u)("runningOnPage", { name: Z.value.name }) : e(u)("runningOnBlock", { name: Z.value.name }),
            "data-test": "experiment-running"
          }, null, 8, ["title"])) : S("", !0),
          J.value ? (v(), C(A, {
            key: 1,
            type: "error",
            closable: !1,
            "show-icon": "",
            title: J.value,
            "data-test": "experiment-refused",
            style: { "margin-top": "8px" }
          }, null, 8, ["title"])) : S("", !0),
          r(B, {
            "label-width": "170px",
            size: "default",
            style: { "margin-top": "12px" }
          }, {
            default: i(() => [
              r(b, {
                label: e(u)("experimentName"),
                error: z.value.name
              }, {
                default: i(() => [
                  r(E, {
                    modelValue: h.name,
                    "onUpdate:modelValue": p[0] || (p[0] = (m) => h.name = m),
                    maxlength: "60",
                    "data-test": "experiment-name"
                  }, null, 8, ["modelValue"])
                ]),
                _: 1
              }, 8, ["label", "error"]),
              r(b, {
                label: e(u)("goal"),
                error: z.value.goal
              }, {
                default: i(() => [
                  r(d, {
                    modelValue: h.goal,
                    "onUpdate:modelValue": p[1] || (p[1] = (m) => h.goal = m),
                    "data-test": "experiment-goal"
                  }, {
                    default: i(() => [
                      (v(!0), O(M, null, ae(_.value, (m) => (v(), C(a, {
                        key: m,
                        value: m
                      }, {
                        default: i(() => [
                          f(o(e(u)(`goal.${m}`)), 1)
                        ]),
                        _: 2
                      }, 1032, ["value"]))), 128))
                    ]),
                    _: 1
                  }, 8, ["modelValue"])
                ]),
                _: 1
              }, 8, ["label", "error"]),
              r(b, {
                label: e(u)("minimumSample"),
                error: z.value.minimum_sample
              }, {
                default: i(() => [
                  r(c, {
                    modelValue: h.minimum_sample,
                    "onUpdate:modelValue": p[2] || (p[2] = (m) => h.minimum_sample = m),
                    min: 100,
                    max: 1e7,
                    step: 100,
                    precision: 0,
                    "data-test": "experiment-minimum"
                  }, null, 8, ["modelValue"])
                ]),
                _: 1
              }, 8, ["label", "error"]),
              r(b, {
                label: e(u)("holdout"),
                error: z.value.holdout_percent
              }, {
                default: i(() => [
                  r(c, {
                    modelValue: h.holdout_percent,
                    "onUpdate:modelValue": p[3] || (p[3] = (m) => h.holdout_percent = m),
                    min: 0,
                    max: 50,
                    precision: 0
                  }, null, 8, ["modelValue"]),
                  p[9] || (p[9] = f()),
                  V("span", Ie, o(e(u)("holdoutHelp")), 1)
                ]),
                _: 1
              }, 8, ["label", "error"])
            ]),
            _: 1
          }),
          r(N, {
            modelValue: j.value,
            "onUpdate:modelValue": p[4] || (p[4] = (m) => j.value = m),
            type: "card",
            "data-test": "experiment-variants"
          }, {
            default: i(() => [
              (v(!0), O(M, null, ae(h.variants, (m, F) => (v(), C(w, {
                key: m.key,
                name: m.key
              }, {
                label: i(() => [
                  V("span", {
                    "data-test": `variant-tab-${m.key}`
                  }, o(F === 0 ? e(u)("control") : `${e(u)("variant")} ${m.key.toUpperCase()}`), 9, He)
                ]),
                default: i(() => [
                  r(B, {
                    "label-width": "170px",
                    size: "small"
                  }, {
                    default: i(() => [
                      r(b, {
                        label: e(u)("weight"),
                        error: K(F).weight
                      }, {
                        default: i(() => [
                          r(c, {
                            modelValue: m.weight,
                            "onUpdate:modelValue": (I) => m.weight = I,
                            min: 0,
                            max: 1e4,
                            precision: 0,
                            "data-test": `variant-weight-${m.key}`
                          }, null, 8, ["modelValue", "onUpdate:modelValue", "data-test"]),
                          F > 0 ? (v(), C(U, {
                            key: 0,
                            link: "",
                            type: "danger",
                            style: { "margin-left": "12px" },
                            onClick: (I) => re(F)
                          }, {
                            default: i(() => [
                              f(o(e(u)("removeVariant")), 1)
                            ]),
                            _: 1
                          }, 8, ["onClick"])) : S("", !0)
                        ]),
                        _: 2
                      }, 1032, ["label", "error"])
                    ]),
                    _: 2
                  }, 1024),
                  K(F)[""] ? (v(), C(A, {
                    key: 0,
                    type: "error",
                    closable: !1,
                    title: K(F)[""]
                  }, null, 8, ["title"])) : S("", !0),
                  k.kind === "block" ? (v(), O("div", {
                    key: 1,
                    class: "variant-form",
                    "data-test": `variant-form-${m.key}`
                  }, [
                    (v(), C(xe(k.editor.PropsForm), {
                      type: k.block.type,
                      model: m.props,
                      errors: K(F)
                    }, null, 8, ["type", "model", "errors"]))
                  ], 8, Le)) : (v(), O("div", {
                    key: 2,
                    "data-test": `variant-blocks-${m.key}`
                  }, [
                    V("div", Ke, o(e(u)("pageBlocks")), 1),
                    (v(!0), O(M, null, ae(m.components, (I, H) => {
                      var s;
                      return v(), O("div", {
                        key: I.id ?? H,
                        class: "page-block",
                        "data-block": I.type
                      }, [
                        V("span", null, o(H + 1) + ". " + o(e(me)((s = k.editor.components[I.type]) == null ? void 0 : s.title) || I.type), 1),
                        p[10] || (p[10] = V("span", { class: "grow" }, null, -1)),
                        r(U, {
                          size: "small",
                          link: "",
                          disabled: F === 0 || H === 0,
                          onClick: (R) => ee(m, H, -1)
                        }, {
                          default: i(() => [
                            f(o(e(u)("moveUp")), 1)
                          ]),
                          _: 1
                        }, 8, ["disabled", "onClick"]),
                        r(U, {
                          size: "small",
                          link: "",
                          disabled: F === 0 || H === m.components.length - 1,
                          onClick: (R) => ee(m, H, 1)
                        }, {
                          default: i(() => [
                            f(o(e(u)("moveDown")), 1)
                          ]),
                          _: 1
                        }, 8, ["disabled", "onClick"]),
                        r(U, {
                          size: "small",
                          link: "",
                          type: "danger",
                          disabled: F === 0 || m.components.length === 1,
                          onClick: (R) => m.components.splice(H, 1)
                        }, {
                          default: i(() => [
                            f(o(e(u)("removeBlock")), 1)
                          ]),
                          _: 1
                        }, 8, ["disabled", "onClick"])
                      ], 8, Xe);
                    }), 128))
                  ], 8, Ge))
                ]),
                _: 2
              }, 1032, ["name"]))), 128))
            ]),
            _: 1
          }, 8, ["modelValue"]),
          r(U, {
            disabled: h.variants.length >= 5,
            size: "small",
            "data-test": "add-variant",
            onClick: le
          }, {
            default: i(() => [
              f("+ " + o(e(u)("addVariant")), 1)
            ]),
            _: 1
          }, 8, ["disabled"])
        ]),
        _: 1
      }, 8, ["model-value", "title"]);
    };
  }
}, be = /* @__PURE__ */ ce(Ye, [["__scopeId", "data-v-0fdf17f4"]]), Je = { class: "experiment-action" }, rt = {
  __name: "BlockAction",
  props: { editor: { type: Object, required: !0 }, block: { type: Object, required: !0 }, index: { type: Number, default: 0 } },
  setup(k) {
    const t = ne(oe), n = L(!1);
    return (g, u) => {
      const T = y("el-button");
      return v(), O("span", Je, [
        r(T, {
          size: "small",
          circle: "",
          type: "warning",
          icon: e(ke),
          title: e(t)("newExperiment"),
          "data-test": "new-experiment",
          onClick: u[0] || (u[0] = fe((_) => n.value = !0, ["stop"]))
        }, null, 8, ["icon", "title"]),
        n.value ? (v(), C(be, {
          key: 0,
          modelValue: n.value,
          "onUpdate:modelValue": u[1] || (u[1] = (_) => n.value = _),
          kind: "block",
          editor: k.editor,
          block: k.block
        }, null, 8, ["modelValue", "editor", "block"])) : S("", !0)
      ]);
    };
  }
}, Qe = {
  __name: "BlockBadge",
  props: { editor: { type: Object, required: !0 }, block: { type: Object, required: !0 }, index: { type: Number, default: 0 } },
  setup(k) {
    const t = k, n = ne(oe), g = ge(), u = D(() => t.block.id ? pe(t.editor.page.route, t.block.id) : []);
    return _e(() => Y().catch(() => {
    })), (T, _) => {
      const P = y("el-tag");
      return v(!0), O(M, null, ae(u.value, (l) => (v(), C(P, {
        key: l.id,
        size: "small",
        effect: "dark",
        type: l.status === "running" ? "warning" : "info",
        class: "experiment-badge",
        "data-test": "experiment-badge",
        "data-status": l.status,
        title: l.name,
        onClick: fe((W) => e(g).push({ path: "/experiments", query: { id: l.id } }), ["stop"])
      }, {
        default: i(() => [
          f(o(l.status === "running" ? e(n)("underExperiment") : e(n)("draftExperiment")) + " · " + o(l.variants.length), 1)
        ]),
        _: 2
      }, 1032, ["type", "data-status", "title", "onClick"]))), 128);
    };
  }
}, st = /* @__PURE__ */ ce(Qe, [["__scopeId", "data-v-a47677c5"]]), Ze = { class: "experiment-page-action" }, dt = {
  __name: "PageAction",
  props: { editor: { type: Object, required: !0 } },
  setup(k) {
    const t = k, n = ne(oe), g = L(!1), u = D(() => X.experiments.filter((T) => T.page_route === t.editor.page.route && T.status === "running"));
    return _e(() => Y().catch(() => {
    })), (T, _) => {
      const P = y("el-button"), l = y("el-badge");
      return v(), O("span", Ze, [
        r(l, {
          value: u.value.length,
          hidden: !u.value.length,
          type: "warning"
        }, {
          default: i(() => [
            r(P, {
              icon: e(ke),
              "data-test": "page-experiment",
              onClick: _[0] || (_[0] = (W) => g.value = !0)
            }, {
              default: i(() => [
                f(o(e(n)("pageExperiment")), 1)
              ]),
              _: 1
            }, 8, ["icon"])
          ]),
          _: 1
        }, 8, ["value", "hidden"]),
        g.value ? (v(), C(be, {
          key: 0,
          modelValue: g.value,
          "onUpdate:modelValue": _[1] || (_[1] = (W) => g.value = W),
          kind: "page",
          editor: k.editor
        }, null, 8, ["modelValue", "editor"])) : S("", !0)
      ]);
    };
  }
};
export {
  rt as ExperimentBlockAction,
  st as ExperimentBlockBadge,
  dt as ExperimentPageAction,
  lt as ExperimentsScreen
};
