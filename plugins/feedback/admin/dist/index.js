import { ref as v, computed as S, onMounted as oe, resolveComponent as i, openBlock as _, createElementBlock as V, createElementVNode as d, toDisplayString as n, unref as l, createVNode as t, withCtx as s, createTextVNode as m, createCommentVNode as C, createBlock as y, Fragment as q, renderList as F } from "vue";
import { ElMessage as ne } from "element-plus";
import { createTranslator as re, hasRole as de, when as ie, api as N, fieldErrors as ue } from "@kaidian/admin";
import { VChart as B } from "@kaidian/charts";
const ce = {
  "zh-CN": {
    feedback: "订单评价",
    overview: "概览",
    answers: "评价列表",
    settings: "评价设置",
    days: "统计天数",
    nps: "NPS 净推荐值",
    answerCount: "评价数",
    promoters: "推荐者 (9–10)",
    passives: "中立者 (7–8)",
    detractors: "贬损者 (0–6)",
    requests: "已邀请",
    expired: "已过期",
    trend: "NPS 趋势",
    tagCounts: "标签统计",
    noAnswers: "暂无评价",
    score: "评分",
    tags: "标签",
    text: "内容",
    photos: "图片",
    customer: "顾客",
    orderNo: "订单号",
    time: "时间",
    lowOnly: "只看低分",
    delayHours: "邀请延迟（小时）",
    expireDays: "评价有效期（天）",
    lowScore: "低分阈值",
    shopTags: "评价标签",
    templateId: "订阅消息模板 ID",
    saved: "已保存",
    day: "日期",
    npsAxis: "NPS",
    answersAxis: "评价数",
    lowHint: "不高于此分的评价会以 feedback.low_score 事件推送到订阅了它的 Webhook"
  },
  en: {
    feedback: "Feedback",
    overview: "Overview",
    answers: "Answers",
    settings: "Settings",
    days: "Days",
    nps: "NPS",
    answerCount: "Answers",
    promoters: "Promoters (9–10)",
    passives: "Passives (7–8)",
    detractors: "Detractors (0–6)",
    requests: "Asked",
    expired: "Expired",
    trend: "NPS trend",
    tagCounts: "Tags",
    noAnswers: "No answers yet",
    score: "Score",
    tags: "Tags",
    text: "Text",
    photos: "Photos",
    customer: "Customer",
    orderNo: "Order",
    time: "Time",
    lowOnly: "Low scores only",
    delayHours: "Delay (hours)",
    expireDays: "Answer within (days)",
    lowScore: "Low-score threshold",
    shopTags: "Tags",
    templateId: "Subscribe-message template id",
    saved: "Saved",
    day: "Day",
    npsAxis: "NPS",
    answersAxis: "Answers",
    lowHint: "Answers scoring at or below it are sent as feedback.low_score to the webhooks subscribed to it"
  }
}, pe = (P, e) => {
  const h = P.__vccOpts || P;
  for (const [x, c] of e)
    h[x] = c;
  return h;
}, _e = { class: "kd-feedback-admin" }, me = { class: "head" }, ve = { class: "page-title" }, be = { class: "filters" }, ge = {
  key: 0,
  class: "cards",
  "data-test": "feedback-cards"
}, fe = {
  class: "figure",
  "data-test": "feedback-nps"
}, we = { class: "label" }, ye = {
  class: "figure",
  "data-test": "feedback-count"
}, he = { class: "label" }, xe = { class: "figure" }, ke = { class: "label" }, Ve = { class: "figure" }, Ae = { class: "label" }, Se = { class: "figure" }, Ce = { class: "label" }, Ne = { class: "figure" }, Pe = { class: "label" }, Oe = {
  key: 1,
  class: "charts"
}, Te = { class: "filters" }, De = { "data-test": "feedback-customer" }, Ie = { class: "hint" }, E = 20, ze = {
  __name: "FeedbackScreen",
  setup(P) {
    const e = re(ce), h = v("overview"), x = v(30), c = v(null), A = v({ items: [], total: 0 }), O = v(1), T = v(!1), p = v(null), g = v({}), D = v(!1), L = S(() => de("owner", "operator")), M = S(() => {
      var u;
      return Object.values(((u = c.value) == null ? void 0 : u.requests) || {}).reduce((a, r) => a + r, 0);
    }), j = S(() => {
      var a;
      const u = ((a = c.value) == null ? void 0 : a.trend) || [];
      return {
        tooltip: { trigger: "axis" },
        // The legend on top, above the axis names (left where ECharts puts it, it sat on the days).
        legend: { top: 0, data: [e("npsAxis"), e("answersAxis")] },
        grid: { left: 48, right: 48, top: 56, bottom: 32 },
        xAxis: { type: "category", data: u.map((r) => r.day.slice(5)) },
        yAxis: [
          { type: "value", min: -100, max: 100, name: e("npsAxis") },
          { type: "value", minInterval: 1, name: e("answersAxis") }
        ],
        series: [
          { name: e("npsAxis"), type: "line", connectNulls: !0, data: u.map((r) => r.nps) },
          { name: e("answersAxis"), type: "bar", yAxisIndex: 1, data: u.map((r) => r.answers), itemStyle: { opacity: 0.35 } }
        ]
      };
    }), G = S(() => {
      var a;
      const u = [...((a = c.value) == null ? void 0 : a.tags) || []].reverse();
      return {
        tooltip: { trigger: "axis" },
        grid: { left: 90, right: 24, top: 16, bottom: 24 },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: u.map((r) => r.tag) },
        series: [{ type: "bar", data: u.map((r) => r.count), label: { show: !0, position: "right" } }]
      };
    });
    async function $() {
      c.value = await N.get(`/api/admin/feedback/summary?days=${x.value}`);
    }
    async function I(u = O.value) {
      var r;
      O.value = u;
      const a = T.value ? `&max_score=${((r = p.value) == null ? void 0 : r.low_score_threshold) ?? 6}` : "";
      A.value = await N.get(`/api/admin/feedback/answers?page=${u}&page_size=${E}${a}`);
    }
    async function R() {
      const a = (await N.get("/api/admin/plugins")).find((r) => r.name === "feedback");
      p.value = a ? { ...a.settings, tags: [...a.settings.tags || []] } : null;
    }
    async function W() {
      D.value = !0, g.value = {};
      try {
        await N.put("/api/admin/plugins/feedback", { settings: p.value }), ne.success(e("saved"));
      } catch (u) {
        g.value = ue(u);
      } finally {
        D.value = !1;
      }
    }
    return oe(async () => {
      await R(), await Promise.all([$(), I(1)]);
    }), (u, a) => {
      const r = i("el-radio-button"), Z = i("el-radio-group"), b = i("el-card"), J = i("el-empty"), z = i("el-tab-pane"), K = i("el-checkbox"), f = i("el-table-column"), H = i("el-tag"), Q = i("el-image"), X = i("el-table"), Y = i("el-pagination"), U = i("el-input-number"), w = i("el-form-item"), ee = i("el-select"), te = i("el-input"), ae = i("el-button"), se = i("el-form"), le = i("el-tabs");
      return _(), V("div", _e, [
        d("div", me, [
          d("h2", ve, n(l(e)("feedback")), 1)
        ]),
        t(le, {
          modelValue: h.value,
          "onUpdate:modelValue": a[8] || (a[8] = (o) => h.value = o),
          "data-test": "feedback-tabs"
        }, {
          default: s(() => [
            t(z, {
              label: l(e)("overview"),
              name: "overview"
            }, {
              default: s(() => [
                d("div", be, [
                  d("span", null, n(l(e)("days")), 1),
                  t(Z, {
                    modelValue: x.value,
                    "onUpdate:modelValue": a[0] || (a[0] = (o) => x.value = o),
                    size: "small",
                    onChange: $
                  }, {
                    default: s(() => [
                      t(r, { value: 7 }, {
                        default: s(() => [...a[9] || (a[9] = [
                          m("7", -1)
                        ])]),
                        _: 1
                      }),
                      t(r, { value: 30 }, {
                        default: s(() => [...a[10] || (a[10] = [
                          m("30", -1)
                        ])]),
                        _: 1
                      }),
                      t(r, { value: 90 }, {
                        default: s(() => [...a[11] || (a[11] = [
                          m("90", -1)
                        ])]),
                        _: 1
                      })
                    ]),
                    _: 1
                  }, 8, ["modelValue"])
                ]),
                c.value ? (_(), V("div", ge, [
                  t(b, { shadow: "never" }, {
                    default: s(() => [
                      d("div", fe, n(c.value.nps ?? "—"), 1),
                      d("div", we, n(l(e)("nps")), 1)
                    ]),
                    _: 1
                  }),
                  t(b, { shadow: "never" }, {
                    default: s(() => [
                      d("div", ye, n(c.value.answers), 1),
                      d("div", he, n(l(e)("answerCount")), 1)
                    ]),
                    _: 1
                  }),
                  t(b, { shadow: "never" }, {
                    default: s(() => [
                      d("div", xe, n(c.value.promoters), 1),
                      d("div", ke, n(l(e)("promoters")), 1)
                    ]),
                    _: 1
                  }),
                  t(b, { shadow: "never" }, {
                    default: s(() => [
                      d("div", Ve, n(c.value.passives), 1),
                      d("div", Ae, n(l(e)("passives")), 1)
                    ]),
                    _: 1
                  }),
                  t(b, { shadow: "never" }, {
                    default: s(() => [
                      d("div", Se, n(c.value.detractors), 1),
                      d("div", Ce, n(l(e)("detractors")), 1)
                    ]),
                    _: 1
                  }),
                  t(b, { shadow: "never" }, {
                    default: s(() => [
                      d("div", Ne, n(M.value), 1),
                      d("div", Pe, n(l(e)("requests")), 1)
                    ]),
                    _: 1
                  })
                ])) : C("", !0),
                c.value ? (_(), V("div", Oe, [
                  t(b, {
                    shadow: "never",
                    class: "chart-card"
                  }, {
                    header: s(() => [
                      m(n(l(e)("trend")), 1)
                    ]),
                    default: s(() => [
                      t(l(B), {
                        class: "chart",
                        option: j.value,
                        autoresize: "",
                        "data-test": "feedback-trend"
                      }, null, 8, ["option"])
                    ]),
                    _: 1
                  }),
                  t(b, {
                    shadow: "never",
                    class: "chart-card"
                  }, {
                    header: s(() => [
                      m(n(l(e)("tagCounts")), 1)
                    ]),
                    default: s(() => [
                      c.value.tags.length ? (_(), y(l(B), {
                        key: 0,
                        class: "chart",
                        option: G.value,
                        autoresize: "",
                        "data-test": "feedback-tags-chart"
                      }, null, 8, ["option"])) : (_(), y(J, {
                        key: 1,
                        description: l(e)("noAnswers"),
                        "image-size": 60
                      }, null, 8, ["description"]))
                    ]),
                    _: 1
                  })
                ])) : C("", !0)
              ]),
              _: 1
            }, 8, ["label"]),
            t(z, {
              label: l(e)("answers"),
              name: "answers"
            }, {
              default: s(() => [
                d("div", Te, [
                  t(K, {
                    modelValue: T.value,
                    "onUpdate:modelValue": a[1] || (a[1] = (o) => T.value = o),
                    "data-test": "feedback-low-only",
                    onChange: a[2] || (a[2] = (o) => I(1))
                  }, {
                    default: s(() => [
                      m(n(l(e)("lowOnly")), 1)
                    ]),
                    _: 1
                  }, 8, ["modelValue"])
                ]),
                t(X, {
                  data: A.value.items,
                  border: "",
                  "data-test": "feedback-answers",
                  "empty-text": l(e)("noAnswers")
                }, {
                  default: s(() => [
                    t(f, {
                      label: l(e)("time"),
                      width: "170"
                    }, {
                      default: s(({ row: o }) => [
                        m(n(l(ie)(o.created_at)), 1)
                      ]),
                      _: 1
                    }, 8, ["label"]),
                    t(f, {
                      prop: "order_no",
                      label: l(e)("orderNo"),
                      "min-width": "170"
                    }, null, 8, ["label"]),
                    t(f, {
                      label: l(e)("customer"),
                      width: "120"
                    }, {
                      default: s(({ row: o }) => [
                        d("span", De, n(o.customer_nickname || `#${o.customer_id}`), 1)
                      ]),
                      _: 1
                    }, 8, ["label"]),
                    t(f, {
                      label: l(e)("score"),
                      width: "80"
                    }, {
                      default: s(({ row: o }) => [
                        t(H, {
                          type: o.score >= 9 ? "success" : o.score >= 7 ? "info" : "danger",
                          "data-test": "feedback-score"
                        }, {
                          default: s(() => [
                            m(n(o.score), 1)
                          ]),
                          _: 2
                        }, 1032, ["type"])
                      ]),
                      _: 1
                    }, 8, ["label"]),
                    t(f, {
                      label: l(e)("tags"),
                      "min-width": "160"
                    }, {
                      default: s(({ row: o }) => [
                        (_(!0), V(q, null, F(o.tags, (k) => (_(), y(H, {
                          key: k,
                          size: "small",
                          class: "tag"
                        }, {
                          default: s(() => [
                            m(n(k), 1)
                          ]),
                          _: 2
                        }, 1024))), 128))
                      ]),
                      _: 1
                    }, 8, ["label"]),
                    t(f, {
                      prop: "text",
                      label: l(e)("text"),
                      "min-width": "200"
                    }, null, 8, ["label"]),
                    t(f, {
                      label: l(e)("photos"),
                      width: "150"
                    }, {
                      default: s(({ row: o }) => [
                        (_(!0), V(q, null, F(o.photo_urls, (k) => (_(), y(Q, {
                          key: k,
                          src: k,
                          "preview-src-list": o.photo_urls,
                          class: "photo",
                          fit: "cover"
                        }, null, 8, ["src", "preview-src-list"]))), 128))
                      ]),
                      _: 1
                    }, 8, ["label"])
                  ]),
                  _: 1
                }, 8, ["data", "empty-text"]),
                A.value.total > E ? (_(), y(Y, {
                  key: 0,
                  layout: "prev, pager, next",
                  total: A.value.total,
                  "page-size": E,
                  "current-page": O.value,
                  onCurrentChange: I
                }, null, 8, ["total", "current-page"])) : C("", !0)
              ]),
              _: 1
            }, 8, ["label"]),
            t(z, {
              label: l(e)("settings"),
              name: "settings"
            }, {
              default: s(() => [
                p.value ? (_(), y(se, {
                  key: 0,
                  "label-width": "260px",
                  class: "settings",
                  "data-test": "feedback-settings"
                }, {
                  default: s(() => [
                    t(w, {
                      label: l(e)("delayHours"),
                      error: g.value.delay_hours
                    }, {
                      default: s(() => [
                        t(U, {
                          modelValue: p.value.delay_hours,
                          "onUpdate:modelValue": a[3] || (a[3] = (o) => p.value.delay_hours = o),
                          min: 0,
                          max: 720,
                          precision: 0
                        }, null, 8, ["modelValue"])
                      ]),
                      _: 1
                    }, 8, ["label", "error"]),
                    t(w, {
                      label: l(e)("expireDays"),
                      error: g.value.expire_days
                    }, {
                      default: s(() => [
                        t(U, {
                          modelValue: p.value.expire_days,
                          "onUpdate:modelValue": a[4] || (a[4] = (o) => p.value.expire_days = o),
                          min: 1,
                          max: 60,
                          precision: 0
                        }, null, 8, ["modelValue"])
                      ]),
                      _: 1
                    }, 8, ["label", "error"]),
                    t(w, {
                      label: l(e)("lowScore"),
                      error: g.value.low_score_threshold
                    }, {
                      default: s(() => [
                        t(U, {
                          modelValue: p.value.low_score_threshold,
                          "onUpdate:modelValue": a[5] || (a[5] = (o) => p.value.low_score_threshold = o),
                          min: 0,
                          max: 10,
                          precision: 0
                        }, null, 8, ["modelValue"]),
                        d("div", Ie, n(l(e)("lowHint")), 1)
                      ]),
                      _: 1
                    }, 8, ["label", "error"]),
                    t(w, {
                      label: l(e)("shopTags"),
                      error: g.value.tags
                    }, {
                      default: s(() => [
                        t(ee, {
                          modelValue: p.value.tags,
                          "onUpdate:modelValue": a[6] || (a[6] = (o) => p.value.tags = o),
                          multiple: "",
                          filterable: "",
                          "allow-create": "",
                          "default-first-option": "",
                          "multiple-limit": 20,
                          style: { width: "420px" },
                          "data-test": "feedback-settings-tags"
                        }, null, 8, ["modelValue"])
                      ]),
                      _: 1
                    }, 8, ["label", "error"]),
                    t(w, {
                      label: l(e)("templateId"),
                      error: g.value.subscribe_template_id
                    }, {
                      default: s(() => [
                        t(te, {
                          modelValue: p.value.subscribe_template_id,
                          "onUpdate:modelValue": a[7] || (a[7] = (o) => p.value.subscribe_template_id = o),
                          maxlength: "64",
                          style: { width: "420px" }
                        }, null, 8, ["modelValue"])
                      ]),
                      _: 1
                    }, 8, ["label", "error"]),
                    t(w, null, {
                      default: s(() => [
                        t(ae, {
                          type: "primary",
                          loading: D.value,
                          disabled: !L.value,
                          "data-test": "feedback-settings-save",
                          onClick: W
                        }, {
                          default: s(() => [
                            m(n(l(e)("save")), 1)
                          ]),
                          _: 1
                        }, 8, ["loading", "disabled"])
                      ]),
                      _: 1
                    })
                  ]),
                  _: 1
                })) : C("", !0)
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["modelValue"])
      ]);
    };
  }
}, qe = /* @__PURE__ */ pe(ze, [["__scopeId", "data-v-6c53bdfa"]]);
export {
  qe as FeedbackScreen
};
