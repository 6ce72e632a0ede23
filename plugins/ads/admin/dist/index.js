import { ref as $, reactive as De, computed as re, onMounted as Ee, resolveComponent as h, openBlock as m, createElementBlock as g, createElementVNode as f, toDisplayString as u, unref as o, createVNode as n, withCtx as d, createTextVNode as _, Fragment as b, renderList as C, createCommentVNode as z, createBlock as E, withModifiers as Ne, normalizeStyle as pe } from "vue";
import { ElMessage as L, ElMessageBox as Oe } from "element-plus";
import { Plus as me } from "@element-plus/icons-vue";
import { createTranslator as Ae, hasRole as Pe, when as ce, SchemaForm as ge, api as S, fieldErrors as Te } from "@kaidian/admin";
import { VChart as Le } from "@kaidian/charts";
const Be = {
  "zh-CN": {
    ads: "广告",
    newCampaign: "新建广告",
    editCampaign: "编辑广告",
    noCampaigns: "暂无广告活动",
    slot: "广告位",
    "slot.splash": "开屏",
    "slot.popup": "弹窗",
    "slot.floating": "悬浮按钮",
    "slot.banner": "轮播横幅",
    "slot.hotzone": "热区图",
    "status.active": "投放中",
    "status.paused": "已暂停",
    schedule: "投放时间",
    days: "星期",
    hours: "时段",
    allDay: "全天",
    "day.1": "一",
    "day.2": "二",
    "day.3": "三",
    "day.4": "四",
    "day.5": "五",
    "day.6": "六",
    "day.7": "日",
    pages: "投放页面",
    pagesHelp: "弹窗和悬浮按钮在哪些页面出现（留空：所有页面）",
    audience: "人群",
    "audience.all": "所有人",
    "audience.new": "新客（未下单）",
    "audience.returning": "老客（已下单）",
    caps: "频次上限",
    capsHelp: "0 表示不限；同时满足所有上限才会展示",
    perDevice: "每台设备",
    perCustomer: "每位顾客",
    "cap.day": "每天",
    "cap.session": "每次访问",
    "cap.lifetime": "活动期间",
    priority: "优先级",
    countdown: "倒计时（秒）",
    creatives: "素材",
    addCreative: "添加素材",
    mediaUrl: "图片/视频地址",
    kind: "类型",
    "kind.image": "图片",
    "kind.video": "视频",
    size: "原图尺寸",
    weight: "权重",
    link: "跳转链接",
    zones: "热区",
    drawHelp: "在图片上拖动画出热区，再为每个热区选择跳转链接",
    zone: "热区 {n}",
    stats: "数据",
    served: "投放",
    impressions: "曝光",
    clicks: "点击",
    ctr: "点击率",
    day: "日期",
    creative: "素材",
    statsHelp: "曝光：素材至少一半可见并持续 1 秒；每次投放最多计一次曝光、一次点击",
    noStats: "暂无数据",
    remove: "删除"
  },
  en: {
    ads: "Ads",
    newCampaign: "New campaign",
    editCampaign: "Edit campaign",
    noCampaigns: "No campaigns yet",
    slot: "Slot",
    "slot.splash": "Splash",
    "slot.popup": "Popup",
    "slot.floating": "Floating button",
    "slot.banner": "Banner",
    "slot.hotzone": "Hot-zone image",
    "status.active": "Running",
    "status.paused": "Paused",
    schedule: "Schedule",
    days: "Days",
    hours: "Hours",
    allDay: "All day",
    "day.1": "Mon",
    "day.2": "Tue",
    "day.3": "Wed",
    "day.4": "Thu",
    "day.5": "Fri",
    "day.6": "Sat",
    "day.7": "Sun",
    pages: "Pages",
    pagesHelp: "Where popups and floating buttons appear (empty: every page)",
    audience: "Audience",
    "audience.all": "Everyone",
    "audience.new": "New (no order yet)",
    "audience.returning": "Returning (has ordered)",
    caps: "Frequency caps",
    capsHelp: "0 means no cap; an ad shows only while every cap allows it",
    perDevice: "Per device",
    perCustomer: "Per customer",
    "cap.day": "Per day",
    "cap.session": "Per visit",
    "cap.lifetime": "Campaign life",
    priority: "Priority",
    countdown: "Countdown (s)",
    creatives: "Creatives",
    addCreative: "Add creative",
    mediaUrl: "Image / video URL",
    kind: "Kind",
    "kind.image": "Image",
    "kind.video": "Video",
    size: "Image size",
    weight: "Weight",
    link: "Link",
    zones: "Hot zones",
    drawHelp: "Drag over the image to draw a zone, then pick each zone's link",
    zone: "Zone {n}",
    stats: "Stats",
    served: "Served",
    impressions: "Impressions",
    clicks: "Clicks",
    ctr: "CTR",
    day: "Day",
    creative: "Creative",
    statsHelp: "An impression: at least half the creative visible for a second; each serve counts one impression and one click at most",
    noStats: "No data yet",
    remove: "Remove"
  }
}, Re = (B, a) => {
  const O = B.__vccOpts || B;
  for (const [R, M] of a)
    O[R] = M;
  return O;
}, Fe = { class: "head" }, Ie = { class: "page-title" }, We = { class: "help" }, je = { class: "caps" }, Ze = { class: "help" }, Je = ["data-test"], Ke = { class: "row" }, qe = {
  key: 0,
  class: "error"
}, Xe = { class: "row small" }, Ye = { class: "help" }, Ge = {
  key: 0,
  class: "error"
}, Qe = ["data-test", "onMousedown", "onMousemove", "onMouseup", "onMouseleave"], et = ["src", "onLoad"], tt = ["data-test"], at = {
  key: 0,
  class: "error"
}, lt = { class: "help" }, N = "/api/admin/ads/campaigns", ot = {
  __name: "AdCampaigns",
  setup(B) {
    const a = Ae(Be), O = ["splash", "popup", "floating", "banner", "hotzone"], R = ["all", "new", "returning"], M = ["day", "session", "lifetime"], K = {
      type: "object",
      properties: { link: { type: "string", pattern: "^(page:[a-z][a-z0-9_]{0,39}|product:[1-9][0-9]{0,11}|category:[1-9][0-9]{0,11})?$", "x-widget": "page-link", "x-title": { "zh-CN": "跳转链接", en: "Link" } } }
    }, F = Pe("owner", "operator"), q = $([]), A = $([]), v = $({}), D = $(!1), I = $(!1), s = De(G()), W = $(!1), X = $(null), H = $([]), w = $(null);
    function Y() {
      return { kind: "image", media_url: "", width: 750, height: 400, link: "", hot_zones: [], weight: 1 };
    }
    function G() {
      const l = /* @__PURE__ */ new Date(), e = new Date(l.getTime() + 30 * 864e5);
      return {
        id: null,
        name: "",
        slot: "splash",
        status: "active",
        priority: 0,
        window: [l, e],
        days_of_week: [],
        allDay: !0,
        fromHour: 9,
        toHour: 21,
        pages: [],
        audience: "all",
        countdown_seconds: 5,
        creatives: [Y()],
        caps: { device: { day: 1, session: 0, lifetime: 0 }, customer: { day: 0, session: 0, lifetime: 0 } }
      };
    }
    function _e(l) {
      var i;
      const e = [];
      for (const r of ["device", "customer"])
        for (const k of M) {
          const U = (i = l == null ? void 0 : l[r]) == null ? void 0 : i[k];
          U && e.push(`${a(r === "device" ? "perDevice" : "perCustomer")}${a(`cap.${k}`)} ${U}`);
        }
      return e.join("，") || "—";
    }
    async function j() {
      try {
        q.value = await S.get(N);
      } catch (l) {
        L.error(l.message);
      }
    }
    async function fe() {
      var e, i;
      const l = await S.get("/api/admin/builder/config").catch(() => null);
      A.value = (((i = (e = l == null ? void 0 : l.draft) == null ? void 0 : e.config) == null ? void 0 : i.pages) ?? []).map((r) => r.route).filter(Boolean);
    }
    function Q(l) {
      Object.assign(s, G(), l), v.value = {}, D.value = !0;
    }
    const he = () => Q({});
    function ve(l) {
      Q({
        ...JSON.parse(JSON.stringify(l)),
        window: [new Date(l.starts_at), new Date(l.ends_at)],
        allDay: !l.hours.length,
        fromHour: l.hours[0] ?? 9,
        toHour: l.hours[1] ?? 21,
        caps: { device: { day: 0, session: 0, lifetime: 0, ...l.caps.device }, customer: { day: 0, session: 0, lifetime: 0, ...l.caps.customer } },
        creatives: l.creatives.map(({ id: e, ...i }) => i)
      });
    }
    function ee() {
      const [l, e] = s.window ?? [];
      return {
        name: s.name,
        slot: s.slot,
        status: s.status,
        priority: s.priority,
        starts_at: l ? new Date(l).toISOString() : null,
        ends_at: e ? new Date(e).toISOString() : null,
        days_of_week: s.days_of_week,
        hours: s.allDay ? [] : [s.fromHour, s.toHour],
        pages: s.slot === "popup" || s.slot === "floating" ? s.pages : [],
        audience: s.audience,
        caps: s.caps,
        countdown_seconds: s.countdown_seconds,
        creatives: s.creatives.map((i) => ({ ...i, link: s.slot === "hotzone" ? "" : i.link ?? "", hot_zones: s.slot === "hotzone" ? i.hot_zones : [] }))
      };
    }
    async function ye() {
      I.value = !0, v.value = {};
      try {
        s.id != null ? await S.put(`${N}/${s.id}`, ee()) : await S.post(N, ee()), D.value = !1, L.success(a("saved")), await j();
      } catch (l) {
        v.value = Te(l), L.error(l.message);
      } finally {
        I.value = !1;
      }
    }
    async function be(l) {
      try {
        await Oe.confirm(a("removeConfirm"), { type: "warning", confirmButtonText: a("confirm"), cancelButtonText: a("cancel") });
      } catch {
        return;
      }
      await S.delete(`${N}/${l.id}`).catch((e) => L.error(e.message)), await j();
    }
    function P(l, e) {
      return v.value[`creatives[${l}].${e}`] ?? v.value[`creatives.${l}.${e}`];
    }
    function te(l) {
      const e = {};
      for (const [i, r] of Object.entries(v.value)) i.startsWith(l + ".") && (e[i.slice(l.length + 1)] = r);
      return e;
    }
    const we = re(() => {
      var l;
      return (l = Object.entries(v.value).find(([e]) => e.startsWith("pages"))) == null ? void 0 : l[1];
    });
    function ae(l, e) {
      e.width = l.target.naturalWidth || e.width, e.height = l.target.naturalHeight || e.height;
    }
    function ke(l) {
      if (!l.media_url || l.kind !== "image") return;
      const e = new Image();
      e.onload = () => ae({ target: e }, l), e.src = l.media_url;
    }
    function le(l, e) {
      const i = l.currentTarget.getBoundingClientRect(), r = e.width / i.width;
      return {
        x: Math.max(0, Math.min(e.width, Math.round((l.clientX - i.left) * r))),
        y: Math.max(0, Math.min(e.height, Math.round((l.clientY - i.top) * r)))
      };
    }
    function Ve(l, e) {
      const i = le(l, e);
      w.value = { creative: e, from: i, zone: { x: i.x, y: i.y, width: 0, height: 0 } };
    }
    function Ce(l, e) {
      if (!w.value || w.value.creative !== e) return;
      const i = le(l, e), r = w.value.from;
      w.value.zone = { x: Math.min(r.x, i.x), y: Math.min(r.y, i.y), width: Math.abs(i.x - r.x), height: Math.abs(i.y - r.y) };
    }
    function oe(l) {
      const e = w.value;
      w.value = null, !(!e || e.creative !== l || e.zone.width < 4 || e.zone.height < 4) && l.hot_zones.push({ ...e.zone, link: "" });
    }
    function ne(l, e) {
      const i = (r, k) => `${100 * r / k}%`;
      return { left: i(l.x, e.width), top: i(l.y, e.height), width: i(l.width, e.width), height: i(l.height, e.height) };
    }
    async function $e(l) {
      X.value = l, H.value = [], W.value = !0, H.value = await S.get(`${N}/${l.id}/stats`).catch(() => []);
    }
    const ze = re(() => {
      const l = [...new Set(H.value.map((i) => i.day))], e = (i, r) => H.value.filter((k) => k.day === i).reduce((k, U) => k + U[r], 0);
      return {
        tooltip: { trigger: "axis" },
        legend: { top: 0, data: [a("served"), a("impressions"), a("clicks"), a("ctr")] },
        grid: { left: 40, right: 60, top: 40, bottom: 30 },
        xAxis: { type: "category", data: l },
        yAxis: [{ type: "value", minInterval: 1 }, { type: "value", axisLabel: { formatter: (i) => `${Math.round(i * 100)}%` } }],
        series: [
          { name: a("served"), type: "bar", data: l.map((i) => e(i, "served")) },
          { name: a("impressions"), type: "bar", data: l.map((i) => e(i, "impressions")) },
          { name: a("clicks"), type: "bar", data: l.map((i) => e(i, "clicks")) },
          { name: a("ctr"), type: "line", yAxisIndex: 1, data: l.map((i) => e(i, "impressions") ? e(i, "clicks") / e(i, "impressions") : 0) }
        ]
      };
    });
    return Ee(() => {
      j(), fe();
    }), (l, e) => {
      var ue;
      const i = h("el-button"), r = h("el-table-column"), k = h("el-tag"), U = h("el-table"), se = h("el-input"), y = h("el-form-item"), T = h("el-radio-button"), Z = h("el-radio-group"), xe = h("el-date-picker"), Ue = h("el-checkbox"), He = h("el-checkbox-group"), Se = h("el-switch"), x = h("el-input-number"), J = h("el-option"), ie = h("el-select"), Me = h("el-form"), de = h("el-dialog");
      return m(), g("div", null, [
        f("div", Fe, [
          f("h2", Ie, u(o(a)("ads")), 1),
          n(i, {
            type: "primary",
            icon: o(me),
            disabled: !o(F),
            "data-test": "new-campaign",
            onClick: he
          }, {
            default: d(() => [
              _(u(o(a)("newCampaign")), 1)
            ]),
            _: 1
          }, 8, ["icon", "disabled"])
        ]),
        n(U, {
          data: q.value,
          border: "",
          "data-test": "ad-campaigns",
          "empty-text": o(a)("noCampaigns")
        }, {
          default: d(() => [
            n(r, {
              prop: "name",
              label: o(a)("name"),
              "min-width": "140"
            }, null, 8, ["label"]),
            n(r, {
              label: o(a)("slot"),
              width: "110"
            }, {
              default: d(({ row: t }) => [
                _(u(o(a)(`slot.${t.slot}`)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            n(r, {
              label: o(a)("schedule"),
              "min-width": "220"
            }, {
              default: d(({ row: t }) => [
                _(u(o(ce)(t.starts_at)) + " – " + u(o(ce)(t.ends_at)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            n(r, {
              label: o(a)("caps"),
              "min-width": "160"
            }, {
              default: d(({ row: t }) => [
                _(u(_e(t.caps)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            n(r, {
              label: o(a)("status"),
              width: "90"
            }, {
              default: d(({ row: t }) => [
                n(k, {
                  size: "small",
                  type: t.status === "active" ? "success" : "info"
                }, {
                  default: d(() => [
                    _(u(o(a)(`status.${t.status}`)), 1)
                  ]),
                  _: 2
                }, 1032, ["type"])
              ]),
              _: 1
            }, 8, ["label"]),
            n(r, {
              label: o(a)("actions"),
              width: "170"
            }, {
              default: d(({ row: t }) => [
                n(i, {
                  link: "",
                  type: "primary",
                  "data-test": "campaign-stats",
                  onClick: (c) => $e(t)
                }, {
                  default: d(() => [
                    _(u(o(a)("stats")), 1)
                  ]),
                  _: 1
                }, 8, ["onClick"]),
                n(i, {
                  link: "",
                  type: "primary",
                  disabled: !o(F),
                  onClick: (c) => ve(t)
                }, {
                  default: d(() => [
                    _(u(o(a)("edit")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled", "onClick"]),
                n(i, {
                  link: "",
                  type: "danger",
                  disabled: !o(F),
                  onClick: (c) => be(t)
                }, {
                  default: d(() => [
                    _(u(o(a)("remove")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled", "onClick"])
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["data", "empty-text"]),
        n(de, {
          modelValue: D.value,
          "onUpdate:modelValue": e[14] || (e[14] = (t) => D.value = t),
          title: s.id ? o(a)("editCampaign") : o(a)("newCampaign"),
          width: "760px",
          "data-test": "campaign-dialog"
        }, {
          footer: d(() => [
            n(i, {
              onClick: e[13] || (e[13] = (t) => D.value = !1)
            }, {
              default: d(() => [
                _(u(o(a)("cancel")), 1)
              ]),
              _: 1
            }),
            n(i, {
              type: "primary",
              loading: I.value,
              "data-test": "save-campaign",
              onClick: ye
            }, {
              default: d(() => [
                _(u(o(a)("save")), 1)
              ]),
              _: 1
            }, 8, ["loading"])
          ]),
          default: d(() => [
            n(Me, { "label-width": "120px" }, {
              default: d(() => [
                n(y, {
                  label: o(a)("name"),
                  error: v.value.name
                }, {
                  default: d(() => [
                    n(se, {
                      modelValue: s.name,
                      "onUpdate:modelValue": e[0] || (e[0] = (t) => s.name = t),
                      maxlength: "60",
                      "data-test": "campaign-name"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                n(y, {
                  label: o(a)("slot"),
                  error: v.value.slot
                }, {
                  default: d(() => [
                    n(Z, {
                      modelValue: s.slot,
                      "onUpdate:modelValue": e[1] || (e[1] = (t) => s.slot = t),
                      "data-test": "campaign-slot"
                    }, {
                      default: d(() => [
                        (m(), g(b, null, C(O, (t) => n(T, {
                          key: t,
                          value: t
                        }, {
                          default: d(() => [
                            _(u(o(a)(`slot.${t}`)), 1)
                          ]),
                          _: 2
                        }, 1032, ["value"])), 64))
                      ]),
                      _: 1
                    }, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                n(y, {
                  label: o(a)("status")
                }, {
                  default: d(() => [
                    n(Z, {
                      modelValue: s.status,
                      "onUpdate:modelValue": e[2] || (e[2] = (t) => s.status = t)
                    }, {
                      default: d(() => [
                        n(T, { value: "active" }, {
                          default: d(() => [
                            _(u(o(a)("status.active")), 1)
                          ]),
                          _: 1
                        }),
                        n(T, { value: "paused" }, {
                          default: d(() => [
                            _(u(o(a)("status.paused")), 1)
                          ]),
                          _: 1
                        })
                      ]),
                      _: 1
                    }, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"]),
                n(y, {
                  label: o(a)("schedule"),
                  error: v.value.starts_at || v.value.ends_at
                }, {
                  default: d(() => [
                    n(xe, {
                      modelValue: s.window,
                      "onUpdate:modelValue": e[3] || (e[3] = (t) => s.window = t),
                      type: "datetimerange",
                      "data-test": "campaign-window"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                n(y, {
                  label: o(a)("days"),
                  error: v.value.days_of_week
                }, {
                  default: d(() => [
                    n(He, {
                      modelValue: s.days_of_week,
                      "onUpdate:modelValue": e[4] || (e[4] = (t) => s.days_of_week = t)
                    }, {
                      default: d(() => [
                        (m(), g(b, null, C(7, (t) => n(Ue, {
                          key: t,
                          value: t
                        }, {
                          default: d(() => [
                            _(u(o(a)(`day.${t}`)), 1)
                          ]),
                          _: 2
                        }, 1032, ["value"])), 64))
                      ]),
                      _: 1
                    }, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                n(y, {
                  label: o(a)("hours"),
                  error: v.value.hours
                }, {
                  default: d(() => [
                    n(Se, {
                      modelValue: s.allDay,
                      "onUpdate:modelValue": e[5] || (e[5] = (t) => s.allDay = t),
                      "active-text": o(a)("allDay")
                    }, null, 8, ["modelValue", "active-text"]),
                    s.allDay ? z("", !0) : (m(), g(b, { key: 0 }, [
                      n(x, {
                        modelValue: s.fromHour,
                        "onUpdate:modelValue": e[6] || (e[6] = (t) => s.fromHour = t),
                        min: 0,
                        max: 23,
                        class: "hour"
                      }, null, 8, ["modelValue"]),
                      e[16] || (e[16] = _(" – ", -1)),
                      n(x, {
                        modelValue: s.toHour,
                        "onUpdate:modelValue": e[7] || (e[7] = (t) => s.toHour = t),
                        min: 1,
                        max: 24,
                        class: "hour"
                      }, null, 8, ["modelValue"])
                    ], 64))
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                s.slot === "popup" || s.slot === "floating" ? (m(), E(y, {
                  key: 0,
                  label: o(a)("pages"),
                  error: we.value
                }, {
                  default: d(() => [
                    n(ie, {
                      modelValue: s.pages,
                      "onUpdate:modelValue": e[8] || (e[8] = (t) => s.pages = t),
                      multiple: "",
                      filterable: "",
                      "data-test": "campaign-pages",
                      style: { width: "100%" }
                    }, {
                      default: d(() => [
                        (m(!0), g(b, null, C(A.value, (t) => (m(), E(J, {
                          key: t,
                          label: t,
                          value: t
                        }, null, 8, ["label", "value"]))), 128))
                      ]),
                      _: 1
                    }, 8, ["modelValue"]),
                    f("div", We, u(o(a)("pagesHelp")), 1)
                  ]),
                  _: 1
                }, 8, ["label", "error"])) : z("", !0),
                n(y, {
                  label: o(a)("audience")
                }, {
                  default: d(() => [
                    n(Z, {
                      modelValue: s.audience,
                      "onUpdate:modelValue": e[9] || (e[9] = (t) => s.audience = t)
                    }, {
                      default: d(() => [
                        (m(), g(b, null, C(R, (t) => n(T, {
                          key: t,
                          value: t
                        }, {
                          default: d(() => [
                            _(u(o(a)(`audience.${t}`)), 1)
                          ]),
                          _: 2
                        }, 1032, ["value"])), 64))
                      ]),
                      _: 1
                    }, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"]),
                n(y, {
                  label: o(a)("caps")
                }, {
                  default: d(() => [
                    f("table", je, [
                      f("tr", null, [
                        e[17] || (e[17] = f("th", null, null, -1)),
                        (m(), g(b, null, C(M, (t) => f("th", { key: t }, u(o(a)(`cap.${t}`)), 1)), 64))
                      ]),
                      (m(), g(b, null, C(["device", "customer"], (t) => f("tr", { key: t }, [
                        f("th", null, u(o(a)(t === "device" ? "perDevice" : "perCustomer")), 1),
                        (m(), g(b, null, C(M, (c) => f("td", { key: c }, [
                          n(x, {
                            modelValue: s.caps[t][c],
                            "onUpdate:modelValue": (p) => s.caps[t][c] = p,
                            min: 0,
                            max: 1e3,
                            size: "small",
                            "data-test": `cap-${t}-${c}`
                          }, null, 8, ["modelValue", "onUpdate:modelValue", "data-test"])
                        ])), 64))
                      ])), 64))
                    ]),
                    f("div", Ze, u(o(a)("capsHelp")), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                n(y, {
                  label: o(a)("priority")
                }, {
                  default: d(() => [
                    n(x, {
                      modelValue: s.priority,
                      "onUpdate:modelValue": e[10] || (e[10] = (t) => s.priority = t),
                      min: 0,
                      max: 100
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"]),
                s.slot === "splash" ? (m(), E(y, {
                  key: 1,
                  label: o(a)("countdown")
                }, {
                  default: d(() => [
                    n(x, {
                      modelValue: s.countdown_seconds,
                      "onUpdate:modelValue": e[11] || (e[11] = (t) => s.countdown_seconds = t),
                      min: 1,
                      max: 15
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"])) : z("", !0),
                n(y, {
                  label: o(a)("creatives"),
                  error: v.value.creatives
                }, {
                  default: d(() => [
                    (m(!0), g(b, null, C(s.creatives, (t, c) => (m(), g("div", {
                      key: c,
                      class: "creative",
                      "data-test": `creative-${c}`
                    }, [
                      f("div", Ke, [
                        n(se, {
                          modelValue: t.media_url,
                          "onUpdate:modelValue": (p) => t.media_url = p,
                          placeholder: o(a)("mediaUrl"),
                          "data-test": `creative-url-${c}`,
                          onChange: (p) => ke(t)
                        }, null, 8, ["modelValue", "onUpdate:modelValue", "placeholder", "data-test", "onChange"]),
                        n(ie, {
                          modelValue: t.kind,
                          "onUpdate:modelValue": (p) => t.kind = p,
                          class: "kind",
                          disabled: s.slot === "hotzone" || s.slot === "floating"
                        }, {
                          default: d(() => [
                            n(J, {
                              value: "image",
                              label: o(a)("kind.image")
                            }, null, 8, ["label"]),
                            n(J, {
                              value: "video",
                              label: o(a)("kind.video")
                            }, null, 8, ["label"])
                          ]),
                          _: 1
                        }, 8, ["modelValue", "onUpdate:modelValue", "disabled"]),
                        n(i, {
                          link: "",
                          type: "danger",
                          onClick: (p) => s.creatives.splice(c, 1)
                        }, {
                          default: d(() => [
                            _(u(o(a)("remove")), 1)
                          ]),
                          _: 1
                        }, 8, ["onClick"])
                      ]),
                      P(c, "media_url") ? (m(), g("div", qe, u(P(c, "media_url")), 1)) : z("", !0),
                      f("div", Xe, [
                        f("span", null, u(o(a)("size")), 1),
                        n(x, {
                          modelValue: t.width,
                          "onUpdate:modelValue": (p) => t.width = p,
                          min: 1,
                          max: 1e4,
                          size: "small"
                        }, null, 8, ["modelValue", "onUpdate:modelValue"]),
                        e[18] || (e[18] = _(" × ", -1)),
                        n(x, {
                          modelValue: t.height,
                          "onUpdate:modelValue": (p) => t.height = p,
                          min: 1,
                          max: 1e4,
                          size: "small"
                        }, null, 8, ["modelValue", "onUpdate:modelValue"]),
                        f("span", null, u(o(a)("weight")), 1),
                        n(x, {
                          modelValue: t.weight,
                          "onUpdate:modelValue": (p) => t.weight = p,
                          min: 1,
                          max: 1e3,
                          size: "small"
                        }, null, 8, ["modelValue", "onUpdate:modelValue"])
                      ]),
                      s.slot !== "hotzone" ? (m(), E(o(ge), {
                        key: 1,
                        schema: K,
                        model: t,
                        pages: A.value,
                        errors: te(`creatives[${c}]`)
                      }, null, 8, ["model", "pages", "errors"])) : (m(), g(b, { key: 2 }, [
                        f("div", Ye, u(o(a)("drawHelp")), 1),
                        P(c, "hot_zones") ? (m(), g("div", Ge, u(P(c, "hot_zones")), 1)) : z("", !0),
                        f("div", {
                          class: "canvas",
                          "data-test": `hotzone-canvas-${c}`,
                          onMousedown: Ne((p) => Ve(p, t), ["prevent"]),
                          onMousemove: (p) => Ce(p, t),
                          onMouseup: (p) => oe(t),
                          onMouseleave: (p) => oe(t)
                        }, [
                          t.media_url ? (m(), g("img", {
                            key: 0,
                            src: t.media_url,
                            draggable: "false",
                            onLoad: (p) => ae(p, t)
                          }, null, 40, et)) : z("", !0),
                          (m(!0), g(b, null, C(t.hot_zones, (p, V) => (m(), g("div", {
                            key: V,
                            class: "zone",
                            style: pe(ne(p, t)),
                            "data-test": `hotzone-${c}-${V}`
                          }, u(V + 1), 13, tt))), 128)),
                          w.value && w.value.creative === t ? (m(), g("div", {
                            key: 1,
                            class: "zone drawing",
                            style: pe(ne(w.value.zone, t))
                          }, null, 4)) : z("", !0)
                        ], 40, Qe),
                        (m(!0), g(b, null, C(t.hot_zones, (p, V) => (m(), g("div", {
                          key: V,
                          class: "zone-row"
                        }, [
                          f("span", null, u(o(a)("zone", { n: V + 1 })) + " (" + u(p.x) + ", " + u(p.y) + ") " + u(p.width) + "×" + u(p.height), 1),
                          n(o(ge), {
                            schema: K,
                            model: p,
                            pages: A.value,
                            errors: te(`creatives[${c}].hot_zones[${V}]`)
                          }, null, 8, ["model", "pages", "errors"]),
                          n(i, {
                            link: "",
                            type: "danger",
                            onClick: (nt) => t.hot_zones.splice(V, 1)
                          }, {
                            default: d(() => [
                              _(u(o(a)("remove")), 1)
                            ]),
                            _: 1
                          }, 8, ["onClick"]),
                          v.value[`creatives[${c}].hot_zones[${V}]`] ? (m(), g("div", at, u(v.value[`creatives[${c}].hot_zones[${V}]`]), 1)) : z("", !0)
                        ]))), 128))
                      ], 64))
                    ], 8, Je))), 128)),
                    n(i, {
                      icon: o(me),
                      "data-test": "add-creative",
                      onClick: e[12] || (e[12] = (t) => s.creatives.push(Y()))
                    }, {
                      default: d(() => [
                        _(u(o(a)("addCreative")), 1)
                      ]),
                      _: 1
                    }, 8, ["icon"])
                  ]),
                  _: 1
                }, 8, ["label", "error"])
              ]),
              _: 1
            })
          ]),
          _: 1
        }, 8, ["modelValue", "title"]),
        n(de, {
          modelValue: W.value,
          "onUpdate:modelValue": e[15] || (e[15] = (t) => W.value = t),
          title: `${o(a)("stats")} · ${((ue = X.value) == null ? void 0 : ue.name) ?? ""}`,
          width: "760px",
          "data-test": "stats-dialog"
        }, {
          default: d(() => [
            f("div", lt, u(o(a)("statsHelp")), 1),
            H.value.length ? (m(), E(o(Le), {
              key: 0,
              class: "chart",
              option: ze.value,
              autoresize: ""
            }, null, 8, ["option"])) : z("", !0),
            n(U, {
              data: H.value,
              border: "",
              "empty-text": o(a)("noStats"),
              "data-test": "ad-stats"
            }, {
              default: d(() => [
                n(r, {
                  prop: "day",
                  label: o(a)("day"),
                  width: "120"
                }, null, 8, ["label"]),
                n(r, {
                  prop: "creative_id",
                  label: o(a)("creative"),
                  width: "90"
                }, null, 8, ["label"]),
                n(r, {
                  prop: "served",
                  label: o(a)("served")
                }, null, 8, ["label"]),
                n(r, {
                  prop: "impressions",
                  label: o(a)("impressions")
                }, null, 8, ["label"]),
                n(r, {
                  prop: "clicks",
                  label: o(a)("clicks")
                }, null, 8, ["label"]),
                n(r, {
                  label: o(a)("ctr")
                }, {
                  default: d(({ row: t }) => [
                    _(u(t.ctr == null ? "—" : (t.ctr * 100).toFixed(1) + "%"), 1)
                  ]),
                  _: 1
                }, 8, ["label"])
              ]),
              _: 1
            }, 8, ["data", "empty-text"])
          ]),
          _: 1
        }, 8, ["modelValue", "title"])
      ]);
    };
  }
}, pt = /* @__PURE__ */ Re(ot, [["__scopeId", "data-v-42a30f49"]]);
export {
  pt as AdCampaigns
};
