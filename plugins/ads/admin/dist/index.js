import { ref as C, reactive as Le, computed as pe, onMounted as Pe, resolveComponent as v, openBlock as c, createElementBlock as g, createElementVNode as y, toDisplayString as u, unref as o, createVNode as s, withCtx as r, createTextVNode as h, Fragment as f, renderList as k, createCommentVNode as z, createBlock as M, withModifiers as Be, normalizeStyle as me } from "vue";
import { ElMessage as B, ElMessageBox as Re } from "element-plus";
import { Plus as ce } from "@element-plus/icons-vue";
import { createTranslator as Fe, hasRole as We, when as ge, SchemaForm as he, api as H, tr as Ie, fieldErrors as je } from "@kaidian/admin";
import { VChart as Ze } from "@kaidian/charts";
const Je = {
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
    tiers: "会员等级",
    tags: "顾客标签",
    anyone: "不限",
    tiersHelp: "只投给这些等级的会员（留空：不限；游客不属于任何等级）",
    tagsHelp: "只投给带其中一个标签的顾客（留空：不限；游客没有标签）",
    tiersNone: "本店没有会员等级（需启用会员等级插件）",
    tagsNone: "本店还没有顾客标签",
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
    tiers: "Membership tiers",
    tags: "Customer tags",
    anyone: "Anyone",
    tiersHelp: "Only members of these tiers (empty: anyone; guests are in no tier)",
    tagsHelp: "Only customers with one of these tags (empty: anyone; guests have none)",
    tiersNone: "The shop has no tiers (enable the membership plugin)",
    tagsNone: "The shop has no customer tags yet",
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
}, Ke = (R, l) => {
  const E = R.__vccOpts || R;
  for (const [F, N] of l)
    E[F] = N;
  return E;
}, qe = { class: "head" }, Ge = { class: "page-title" }, Xe = { class: "help" }, Ye = { class: "help" }, Qe = { class: "caps" }, et = { class: "help" }, tt = ["data-test"], at = { class: "row" }, lt = {
  key: 0,
  class: "error"
}, ot = { class: "row small" }, st = { class: "help" }, nt = {
  key: 0,
  class: "error"
}, it = ["data-test", "onMousedown", "onMousemove", "onMouseup", "onMouseleave"], rt = ["src", "onLoad"], ut = ["data-test"], dt = {
  key: 0,
  class: "error"
}, pt = { class: "help" }, D = "/api/admin/ads/campaigns", mt = {
  __name: "AdCampaigns",
  setup(R) {
    const l = Fe(Je), E = ["splash", "popup", "floating", "banner", "hotzone"], F = ["all", "new", "returning"], N = ["day", "session", "lifetime"], ye = { tiers: "tier", tags: "tag" }, q = {
      type: "object",
      properties: { link: { type: "string", pattern: "^(page:[a-z][a-z0-9_]{0,39}|[a-z][a-z0-9_]{0,39}:[1-9][0-9]{0,11}|url:https://…)?$", "x-widget": "page-link", "x-title": { "zh-CN": "跳转链接", en: "Link" } } }
    }, W = We("owner", "operator"), G = C([]), T = C([]), X = C([]), _ = C({}), O = C(!1), I = C(!1), n = Le(ee()), j = C(!1), Y = C(null), S = C([]), w = C(null);
    function Q() {
      return { kind: "image", media_url: "", width: 750, height: 400, link: "", hot_zones: [], weight: 1 };
    }
    function ee() {
      const a = /* @__PURE__ */ new Date(), e = new Date(a.getTime() + 30 * 864e5);
      return {
        id: null,
        name: "",
        slot: "splash",
        status: "active",
        priority: 0,
        window: [a, e],
        days_of_week: [],
        allDay: !0,
        fromHour: 9,
        toHour: 21,
        pages: [],
        audience: "all",
        tiers: [],
        tags: [],
        countdown_seconds: 5,
        creatives: [Q()],
        caps: { device: { day: 1, session: 0, lifetime: 0 }, customer: { day: 0, session: 0, lifetime: 0 } }
      };
    }
    function _e(a) {
      var i;
      const e = [];
      for (const p of ["device", "customer"])
        for (const V of N) {
          const U = (i = a == null ? void 0 : a[p]) == null ? void 0 : i[V];
          U && e.push(`${l(p === "device" ? "perDevice" : "perCustomer")}${l(`cap.${V}`)} ${U}`);
        }
      return e.join("，") || "—";
    }
    async function Z() {
      try {
        G.value = await H.get(D);
      } catch (a) {
        B.error(a.message);
      }
    }
    async function ve() {
      X.value = await H.get(`${D}/segments`).catch(() => []);
    }
    const fe = (a) => X.value.filter((e) => e.kind === a), be = (a) => Ie(a.title) || a.key, ke = (a) => {
      var e;
      return (e = Object.entries(_.value).find(([i]) => i === a || i.startsWith(`${a}[`) || i.startsWith(`${a}.`))) == null ? void 0 : e[1];
    };
    async function we() {
      var e, i;
      const a = await H.get("/api/admin/builder/config").catch(() => null);
      T.value = (((i = (e = a == null ? void 0 : a.draft) == null ? void 0 : e.config) == null ? void 0 : i.pages) ?? []).map((p) => p.route).filter(Boolean);
    }
    function te(a) {
      Object.assign(n, ee(), a), _.value = {}, O.value = !0;
    }
    const Ve = () => te({});
    function $e(a) {
      te({
        ...JSON.parse(JSON.stringify(a)),
        window: [new Date(a.starts_at), new Date(a.ends_at)],
        allDay: !a.hours.length,
        fromHour: a.hours[0] ?? 9,
        toHour: a.hours[1] ?? 21,
        caps: { device: { day: 0, session: 0, lifetime: 0, ...a.caps.device }, customer: { day: 0, session: 0, lifetime: 0, ...a.caps.customer } },
        creatives: a.creatives.map(({ id: e, ...i }) => i)
      });
    }
    function ae() {
      const [a, e] = n.window ?? [];
      return {
        name: n.name,
        slot: n.slot,
        status: n.status,
        priority: n.priority,
        starts_at: a ? new Date(a).toISOString() : null,
        ends_at: e ? new Date(e).toISOString() : null,
        days_of_week: n.days_of_week,
        hours: n.allDay ? [] : [n.fromHour, n.toHour],
        pages: n.slot === "popup" || n.slot === "floating" ? n.pages : [],
        audience: n.audience,
        tiers: n.tiers,
        tags: n.tags,
        caps: n.caps,
        countdown_seconds: n.countdown_seconds,
        creatives: n.creatives.map((i) => ({ ...i, link: n.slot === "hotzone" ? "" : i.link ?? "", hot_zones: n.slot === "hotzone" ? i.hot_zones : [] }))
      };
    }
    async function Ce() {
      I.value = !0, _.value = {};
      try {
        n.id != null ? await H.put(`${D}/${n.id}`, ae()) : await H.post(D, ae()), O.value = !1, B.success(l("saved")), await Z();
      } catch (a) {
        _.value = je(a), B.error(a.message);
      } finally {
        I.value = !1;
      }
    }
    async function ze(a) {
      try {
        await Re.confirm(l("removeConfirm"), { type: "warning", confirmButtonText: l("confirm"), cancelButtonText: l("cancel") });
      } catch {
        return;
      }
      await H.delete(`${D}/${a.id}`).catch((e) => B.error(e.message)), await Z();
    }
    function A(a, e) {
      return _.value[`creatives[${a}].${e}`] ?? _.value[`creatives.${a}.${e}`];
    }
    function le(a) {
      const e = {};
      for (const [i, p] of Object.entries(_.value)) i.startsWith(a + ".") && (e[i.slice(a.length + 1)] = p);
      return e;
    }
    const xe = pe(() => {
      var a;
      return (a = Object.entries(_.value).find(([e]) => e.startsWith("pages"))) == null ? void 0 : a[1];
    });
    function oe(a, e) {
      e.width = a.target.naturalWidth || e.width, e.height = a.target.naturalHeight || e.height;
    }
    function Ue(a) {
      if (!a.media_url || a.kind !== "image") return;
      const e = new Image();
      e.onload = () => oe({ target: e }, a), e.src = a.media_url;
    }
    function se(a, e) {
      const i = a.currentTarget.getBoundingClientRect(), p = e.width / i.width;
      return {
        x: Math.max(0, Math.min(e.width, Math.round((a.clientX - i.left) * p))),
        y: Math.max(0, Math.min(e.height, Math.round((a.clientY - i.top) * p)))
      };
    }
    function He(a, e) {
      const i = se(a, e);
      w.value = { creative: e, from: i, zone: { x: i.x, y: i.y, width: 0, height: 0 } };
    }
    function Se(a, e) {
      if (!w.value || w.value.creative !== e) return;
      const i = se(a, e), p = w.value.from;
      w.value.zone = { x: Math.min(p.x, i.x), y: Math.min(p.y, i.y), width: Math.abs(i.x - p.x), height: Math.abs(i.y - p.y) };
    }
    function ne(a) {
      const e = w.value;
      w.value = null, !(!e || e.creative !== a || e.zone.width < 4 || e.zone.height < 4) && a.hot_zones.push({ ...e.zone, link: "" });
    }
    function ie(a, e) {
      const i = (p, V) => `${100 * p / V}%`;
      return { left: i(a.x, e.width), top: i(a.y, e.height), width: i(a.width, e.width), height: i(a.height, e.height) };
    }
    async function Me(a) {
      Y.value = a, S.value = [], j.value = !0, S.value = await H.get(`${D}/${a.id}/stats`).catch(() => []);
    }
    const De = pe(() => {
      const a = [...new Set(S.value.map((i) => i.day))], e = (i, p) => S.value.filter((V) => V.day === i).reduce((V, U) => V + U[p], 0);
      return {
        tooltip: { trigger: "axis" },
        legend: { top: 0, data: [l("served"), l("impressions"), l("clicks"), l("ctr")] },
        grid: { left: 40, right: 60, top: 40, bottom: 30 },
        xAxis: { type: "category", data: a },
        yAxis: [{ type: "value", minInterval: 1 }, { type: "value", axisLabel: { formatter: (i) => `${Math.round(i * 100)}%` } }],
        series: [
          { name: l("served"), type: "bar", data: a.map((i) => e(i, "served")) },
          { name: l("impressions"), type: "bar", data: a.map((i) => e(i, "impressions")) },
          { name: l("clicks"), type: "bar", data: a.map((i) => e(i, "clicks")) },
          { name: l("ctr"), type: "line", yAxisIndex: 1, data: a.map((i) => e(i, "impressions") ? e(i, "clicks") / e(i, "impressions") : 0) }
        ]
      };
    });
    return Pe(() => {
      Z(), we(), ve();
    }), (a, e) => {
      var de;
      const i = v("el-button"), p = v("el-table-column"), V = v("el-tag"), U = v("el-table"), re = v("el-input"), b = v("el-form-item"), L = v("el-radio-button"), J = v("el-radio-group"), Ne = v("el-date-picker"), Oe = v("el-checkbox"), Ee = v("el-checkbox-group"), Te = v("el-switch"), x = v("el-input-number"), P = v("el-option"), K = v("el-select"), Ae = v("el-form"), ue = v("el-dialog");
      return c(), g("div", null, [
        y("div", qe, [
          y("h2", Ge, u(o(l)("ads")), 1),
          s(i, {
            type: "primary",
            icon: o(ce),
            disabled: !o(W),
            "data-test": "new-campaign",
            onClick: Ve
          }, {
            default: r(() => [
              h(u(o(l)("newCampaign")), 1)
            ]),
            _: 1
          }, 8, ["icon", "disabled"])
        ]),
        s(U, {
          data: G.value,
          border: "",
          "data-test": "ad-campaigns",
          "empty-text": o(l)("noCampaigns")
        }, {
          default: r(() => [
            s(p, {
              prop: "name",
              label: o(l)("name"),
              "min-width": "140"
            }, null, 8, ["label"]),
            s(p, {
              label: o(l)("slot"),
              width: "110"
            }, {
              default: r(({ row: t }) => [
                h(u(o(l)(`slot.${t.slot}`)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            s(p, {
              label: o(l)("schedule"),
              "min-width": "220"
            }, {
              default: r(({ row: t }) => [
                h(u(o(ge)(t.starts_at)) + " – " + u(o(ge)(t.ends_at)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            s(p, {
              label: o(l)("caps"),
              "min-width": "160"
            }, {
              default: r(({ row: t }) => [
                h(u(_e(t.caps)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            s(p, {
              label: o(l)("status"),
              width: "90"
            }, {
              default: r(({ row: t }) => [
                s(V, {
                  size: "small",
                  type: t.status === "active" ? "success" : "info"
                }, {
                  default: r(() => [
                    h(u(o(l)(`status.${t.status}`)), 1)
                  ]),
                  _: 2
                }, 1032, ["type"])
              ]),
              _: 1
            }, 8, ["label"]),
            s(p, {
              label: o(l)("actions"),
              width: "170"
            }, {
              default: r(({ row: t }) => [
                s(i, {
                  link: "",
                  type: "primary",
                  "data-test": "campaign-stats",
                  onClick: (m) => Me(t)
                }, {
                  default: r(() => [
                    h(u(o(l)("stats")), 1)
                  ]),
                  _: 1
                }, 8, ["onClick"]),
                s(i, {
                  link: "",
                  type: "primary",
                  disabled: !o(W),
                  onClick: (m) => $e(t)
                }, {
                  default: r(() => [
                    h(u(o(l)("edit")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled", "onClick"]),
                s(i, {
                  link: "",
                  type: "danger",
                  disabled: !o(W),
                  onClick: (m) => ze(t)
                }, {
                  default: r(() => [
                    h(u(o(l)("remove")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled", "onClick"])
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["data", "empty-text"]),
        s(ue, {
          modelValue: O.value,
          "onUpdate:modelValue": e[14] || (e[14] = (t) => O.value = t),
          title: n.id ? o(l)("editCampaign") : o(l)("newCampaign"),
          width: "760px",
          "data-test": "campaign-dialog"
        }, {
          footer: r(() => [
            s(i, {
              onClick: e[13] || (e[13] = (t) => O.value = !1)
            }, {
              default: r(() => [
                h(u(o(l)("cancel")), 1)
              ]),
              _: 1
            }),
            s(i, {
              type: "primary",
              loading: I.value,
              "data-test": "save-campaign",
              onClick: Ce
            }, {
              default: r(() => [
                h(u(o(l)("save")), 1)
              ]),
              _: 1
            }, 8, ["loading"])
          ]),
          default: r(() => [
            s(Ae, { "label-width": "120px" }, {
              default: r(() => [
                s(b, {
                  label: o(l)("name"),
                  error: _.value.name
                }, {
                  default: r(() => [
                    s(re, {
                      modelValue: n.name,
                      "onUpdate:modelValue": e[0] || (e[0] = (t) => n.name = t),
                      maxlength: "60",
                      "data-test": "campaign-name"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                s(b, {
                  label: o(l)("slot"),
                  error: _.value.slot
                }, {
                  default: r(() => [
                    s(J, {
                      modelValue: n.slot,
                      "onUpdate:modelValue": e[1] || (e[1] = (t) => n.slot = t),
                      "data-test": "campaign-slot"
                    }, {
                      default: r(() => [
                        (c(), g(f, null, k(E, (t) => s(L, {
                          key: t,
                          value: t
                        }, {
                          default: r(() => [
                            h(u(o(l)(`slot.${t}`)), 1)
                          ]),
                          _: 2
                        }, 1032, ["value"])), 64))
                      ]),
                      _: 1
                    }, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                s(b, {
                  label: o(l)("status")
                }, {
                  default: r(() => [
                    s(J, {
                      modelValue: n.status,
                      "onUpdate:modelValue": e[2] || (e[2] = (t) => n.status = t)
                    }, {
                      default: r(() => [
                        s(L, { value: "active" }, {
                          default: r(() => [
                            h(u(o(l)("status.active")), 1)
                          ]),
                          _: 1
                        }),
                        s(L, { value: "paused" }, {
                          default: r(() => [
                            h(u(o(l)("status.paused")), 1)
                          ]),
                          _: 1
                        })
                      ]),
                      _: 1
                    }, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"]),
                s(b, {
                  label: o(l)("schedule"),
                  error: _.value.starts_at || _.value.ends_at
                }, {
                  default: r(() => [
                    s(Ne, {
                      modelValue: n.window,
                      "onUpdate:modelValue": e[3] || (e[3] = (t) => n.window = t),
                      type: "datetimerange",
                      "data-test": "campaign-window"
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                s(b, {
                  label: o(l)("days"),
                  error: _.value.days_of_week
                }, {
                  default: r(() => [
                    s(Ee, {
                      modelValue: n.days_of_week,
                      "onUpdate:modelValue": e[4] || (e[4] = (t) => n.days_of_week = t)
                    }, {
                      default: r(() => [
                        (c(), g(f, null, k(7, (t) => s(Oe, {
                          key: t,
                          value: t
                        }, {
                          default: r(() => [
                            h(u(o(l)(`day.${t}`)), 1)
                          ]),
                          _: 2
                        }, 1032, ["value"])), 64))
                      ]),
                      _: 1
                    }, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                s(b, {
                  label: o(l)("hours"),
                  error: _.value.hours
                }, {
                  default: r(() => [
                    s(Te, {
                      modelValue: n.allDay,
                      "onUpdate:modelValue": e[5] || (e[5] = (t) => n.allDay = t),
                      "active-text": o(l)("allDay")
                    }, null, 8, ["modelValue", "active-text"]),
                    n.allDay ? z("", !0) : (c(), g(f, { key: 0 }, [
                      s(x, {
                        modelValue: n.fromHour,
                        "onUpdate:modelValue": e[6] || (e[6] = (t) => n.fromHour = t),
                        min: 0,
                        max: 23,
                        class: "hour"
                      }, null, 8, ["modelValue"]),
                      e[16] || (e[16] = h(" – ", -1)),
                      s(x, {
                        modelValue: n.toHour,
                        "onUpdate:modelValue": e[7] || (e[7] = (t) => n.toHour = t),
                        min: 1,
                        max: 24,
                        class: "hour"
                      }, null, 8, ["modelValue"])
                    ], 64))
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                n.slot === "popup" || n.slot === "floating" ? (c(), M(b, {
                  key: 0,
                  label: o(l)("pages"),
                  error: xe.value
                }, {
                  default: r(() => [
                    s(K, {
                      modelValue: n.pages,
                      "onUpdate:modelValue": e[8] || (e[8] = (t) => n.pages = t),
                      multiple: "",
                      filterable: "",
                      "data-test": "campaign-pages",
                      style: { width: "100%" }
                    }, {
                      default: r(() => [
                        (c(!0), g(f, null, k(T.value, (t) => (c(), M(P, {
                          key: t,
                          label: t,
                          value: t
                        }, null, 8, ["label", "value"]))), 128))
                      ]),
                      _: 1
                    }, 8, ["modelValue"]),
                    y("div", Xe, u(o(l)("pagesHelp")), 1)
                  ]),
                  _: 1
                }, 8, ["label", "error"])) : z("", !0),
                s(b, {
                  label: o(l)("audience")
                }, {
                  default: r(() => [
                    s(J, {
                      modelValue: n.audience,
                      "onUpdate:modelValue": e[9] || (e[9] = (t) => n.audience = t)
                    }, {
                      default: r(() => [
                        (c(), g(f, null, k(F, (t) => s(L, {
                          key: t,
                          value: t
                        }, {
                          default: r(() => [
                            h(u(o(l)(`audience.${t}`)), 1)
                          ]),
                          _: 2
                        }, 1032, ["value"])), 64))
                      ]),
                      _: 1
                    }, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"]),
                (c(), g(f, null, k(ye, (t, m) => s(b, {
                  key: m,
                  label: o(l)(m),
                  error: ke(m)
                }, {
                  default: r(() => [
                    s(K, {
                      modelValue: n[m],
                      "onUpdate:modelValue": (d) => n[m] = d,
                      multiple: "",
                      filterable: "",
                      placeholder: o(l)("anyone"),
                      "no-data-text": o(l)(`${m}None`),
                      "data-test": `campaign-${m}`,
                      style: { width: "100%" }
                    }, {
                      default: r(() => [
                        (c(!0), g(f, null, k(fe(t), (d) => (c(), M(P, {
                          key: d.key,
                          label: be(d),
                          value: d.key
                        }, null, 8, ["label", "value"]))), 128))
                      ]),
                      _: 2
                    }, 1032, ["modelValue", "onUpdate:modelValue", "placeholder", "no-data-text", "data-test"]),
                    y("div", Ye, u(o(l)(`${m}Help`)), 1)
                  ]),
                  _: 2
                }, 1032, ["label", "error"])), 64)),
                s(b, {
                  label: o(l)("caps")
                }, {
                  default: r(() => [
                    y("table", Qe, [
                      y("tr", null, [
                        e[17] || (e[17] = y("th", null, null, -1)),
                        (c(), g(f, null, k(N, (t) => y("th", { key: t }, u(o(l)(`cap.${t}`)), 1)), 64))
                      ]),
                      (c(), g(f, null, k(["device", "customer"], (t) => y("tr", { key: t }, [
                        y("th", null, u(o(l)(t === "device" ? "perDevice" : "perCustomer")), 1),
                        (c(), g(f, null, k(N, (m) => y("td", { key: m }, [
                          s(x, {
                            modelValue: n.caps[t][m],
                            "onUpdate:modelValue": (d) => n.caps[t][m] = d,
                            min: 0,
                            max: 1e3,
                            size: "small",
                            "data-test": `cap-${t}-${m}`
                          }, null, 8, ["modelValue", "onUpdate:modelValue", "data-test"])
                        ])), 64))
                      ])), 64))
                    ]),
                    y("div", et, u(o(l)("capsHelp")), 1)
                  ]),
                  _: 1
                }, 8, ["label"]),
                s(b, {
                  label: o(l)("priority")
                }, {
                  default: r(() => [
                    s(x, {
                      modelValue: n.priority,
                      "onUpdate:modelValue": e[10] || (e[10] = (t) => n.priority = t),
                      min: 0,
                      max: 100
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"]),
                n.slot === "splash" ? (c(), M(b, {
                  key: 1,
                  label: o(l)("countdown")
                }, {
                  default: r(() => [
                    s(x, {
                      modelValue: n.countdown_seconds,
                      "onUpdate:modelValue": e[11] || (e[11] = (t) => n.countdown_seconds = t),
                      min: 1,
                      max: 15
                    }, null, 8, ["modelValue"])
                  ]),
                  _: 1
                }, 8, ["label"])) : z("", !0),
                s(b, {
                  label: o(l)("creatives"),
                  error: _.value.creatives
                }, {
                  default: r(() => [
                    (c(!0), g(f, null, k(n.creatives, (t, m) => (c(), g("div", {
                      key: m,
                      class: "creative",
                      "data-test": `creative-${m}`
                    }, [
                      y("div", at, [
                        s(re, {
                          modelValue: t.media_url,
                          "onUpdate:modelValue": (d) => t.media_url = d,
                          placeholder: o(l)("mediaUrl"),
                          "data-test": `creative-url-${m}`,
                          onChange: (d) => Ue(t)
                        }, null, 8, ["modelValue", "onUpdate:modelValue", "placeholder", "data-test", "onChange"]),
                        s(K, {
                          modelValue: t.kind,
                          "onUpdate:modelValue": (d) => t.kind = d,
                          class: "kind",
                          disabled: n.slot === "hotzone" || n.slot === "floating"
                        }, {
                          default: r(() => [
                            s(P, {
                              value: "image",
                              label: o(l)("kind.image")
                            }, null, 8, ["label"]),
                            s(P, {
                              value: "video",
                              label: o(l)("kind.video")
                            }, null, 8, ["label"])
                          ]),
                          _: 1
                        }, 8, ["modelValue", "onUpdate:modelValue", "disabled"]),
                        s(i, {
                          link: "",
                          type: "danger",
                          onClick: (d) => n.creatives.splice(m, 1)
                        }, {
                          default: r(() => [
                            h(u(o(l)("remove")), 1)
                          ]),
                          _: 1
                        }, 8, ["onClick"])
                      ]),
                      A(m, "media_url") ? (c(), g("div", lt, u(A(m, "media_url")), 1)) : z("", !0),
                      y("div", ot, [
                        y("span", null, u(o(l)("size")), 1),
                        s(x, {
                          modelValue: t.width,
                          "onUpdate:modelValue": (d) => t.width = d,
                          min: 1,
                          max: 1e4,
                          size: "small"
                        }, null, 8, ["modelValue", "onUpdate:modelValue"]),
                        e[18] || (e[18] = h(" × ", -1)),
                        s(x, {
                          modelValue: t.height,
                          "onUpdate:modelValue": (d) => t.height = d,
                          min: 1,
                          max: 1e4,
                          size: "small"
                        }, null, 8, ["modelValue", "onUpdate:modelValue"]),
                        y("span", null, u(o(l)("weight")), 1),
                        s(x, {
                          modelValue: t.weight,
                          "onUpdate:modelValue": (d) => t.weight = d,
                          min: 1,
                          max: 1e3,
                          size: "small"
                        }, null, 8, ["modelValue", "onUpdate:modelValue"])
                      ]),
                      n.slot !== "hotzone" ? (c(), M(o(he), {
                        key: 1,
                        schema: q,
                        model: t,
                        pages: T.value,
                        errors: le(`creatives[${m}]`)
                      }, null, 8, ["model", "pages", "errors"])) : (c(), g(f, { key: 2 }, [
                        y("div", st, u(o(l)("drawHelp")), 1),
                        A(m, "hot_zones") ? (c(), g("div", nt, u(A(m, "hot_zones")), 1)) : z("", !0),
                        y("div", {
                          class: "canvas",
                          "data-test": `hotzone-canvas-${m}`,
                          onMousedown: Be((d) => He(d, t), ["prevent"]),
                          onMousemove: (d) => Se(d, t),
                          onMouseup: (d) => ne(t),
                          onMouseleave: (d) => ne(t)
                        }, [
                          t.media_url ? (c(), g("img", {
                            key: 0,
                            src: t.media_url,
                            draggable: "false",
                            onLoad: (d) => oe(d, t)
                          }, null, 40, rt)) : z("", !0),
                          (c(!0), g(f, null, k(t.hot_zones, (d, $) => (c(), g("div", {
                            key: $,
                            class: "zone",
                            style: me(ie(d, t)),
                            "data-test": `hotzone-${m}-${$}`
                          }, u($ + 1), 13, ut))), 128)),
                          w.value && w.value.creative === t ? (c(), g("div", {
                            key: 1,
                            class: "zone drawing",
                            style: me(ie(w.value.zone, t))
                          }, null, 4)) : z("", !0)
                        ], 40, it),
                        (c(!0), g(f, null, k(t.hot_zones, (d, $) => (c(), g("div", {
                          key: $,
                          class: "zone-row"
                        }, [
                          y("span", null, u(o(l)("zone", { n: $ + 1 })) + " (" + u(d.x) + ", " + u(d.y) + ") " + u(d.width) + "×" + u(d.height), 1),
                          s(o(he), {
                            schema: q,
                            model: d,
                            pages: T.value,
                            errors: le(`creatives[${m}].hot_zones[${$}]`)
                          }, null, 8, ["model", "pages", "errors"]),
                          s(i, {
                            link: "",
                            type: "danger",
                            onClick: (ct) => t.hot_zones.splice($, 1)
                          }, {
                            default: r(() => [
                              h(u(o(l)("remove")), 1)
                            ]),
                            _: 1
                          }, 8, ["onClick"]),
                          _.value[`creatives[${m}].hot_zones[${$}]`] ? (c(), g("div", dt, u(_.value[`creatives[${m}].hot_zones[${$}]`]), 1)) : z("", !0)
                        ]))), 128))
                      ], 64))
                    ], 8, tt))), 128)),
                    s(i, {
                      icon: o(ce),
                      "data-test": "add-creative",
                      onClick: e[12] || (e[12] = (t) => n.creatives.push(Q()))
                    }, {
                      default: r(() => [
                        h(u(o(l)("addCreative")), 1)
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
        s(ue, {
          modelValue: j.value,
          "onUpdate:modelValue": e[15] || (e[15] = (t) => j.value = t),
          title: `${o(l)("stats")} · ${((de = Y.value) == null ? void 0 : de.name) ?? ""}`,
          width: "760px",
          "data-test": "stats-dialog"
        }, {
          default: r(() => [
            y("div", pt, u(o(l)("statsHelp")), 1),
            S.value.length ? (c(), M(o(Ze), {
              key: 0,
              class: "chart",
              option: De.value,
              autoresize: ""
            }, null, 8, ["option"])) : z("", !0),
            s(U, {
              data: S.value,
              border: "",
              "empty-text": o(l)("noStats"),
              "data-test": "ad-stats"
            }, {
              default: r(() => [
                s(p, {
                  prop: "day",
                  label: o(l)("day"),
                  width: "120"
                }, null, 8, ["label"]),
                s(p, {
                  prop: "creative_id",
                  label: o(l)("creative"),
                  width: "90"
                }, null, 8, ["label"]),
                s(p, {
                  prop: "served",
                  label: o(l)("served")
                }, null, 8, ["label"]),
                s(p, {
                  prop: "impressions",
                  label: o(l)("impressions")
                }, null, 8, ["label"]),
                s(p, {
                  prop: "clicks",
                  label: o(l)("clicks")
                }, null, 8, ["label"]),
                s(p, {
                  label: o(l)("ctr")
                }, {
                  default: r(({ row: t }) => [
                    h(u(t.ctr == null ? "—" : (t.ctr * 100).toFixed(1) + "%"), 1)
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
}, ft = /* @__PURE__ */ Ke(mt, [["__scopeId", "data-v-e13a7d6c"]]);
export {
  ft as AdCampaigns
};
