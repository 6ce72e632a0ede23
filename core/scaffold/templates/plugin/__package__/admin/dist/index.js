import { resolveComponent as l, openBlock as v, createElementBlock as C, createElementVNode as k, toDisplayString as s, unref as e, createVNode as t, withModifiers as A, withCtx as n, createTextVNode as m } from "vue";
import { createTranslator as B, useListAndForm as T, when as E } from "@kaidian/admin";
const F = { class: "page-title" }, z = {
  __name: "NotesScreen",
  props: { plugin: { type: String, required: !0 } },
  setup(u) {
    const _ = u, o = B({
      "zh-CN": { title: "店铺公告", placeholder: "写一条公告，顾客在店铺页面上可以看到", publish: "发布", empty: "还没有公告", text: "内容" },
      en: { title: "Shop notes", placeholder: "Write a note customers see on the shop's pages", publish: "Publish", empty: "No notes yet", text: "Text" }
    }), { rows: h, form: a, errors: b, busy: x, canManage: f, save: y } = T({
      url: `/api/admin/${_.plugin.replaceAll("_", "-")}/notes`,
      emptyForm: () => ({ id: null, text: "" }),
      createBody: ({ text: i }) => ({ text: i })
    });
    async function p() {
      await y() && (a.text = "");
    }
    return (i, d) => {
      const g = l("el-input"), w = l("el-form-item"), N = l("el-button"), S = l("el-form"), c = l("el-table-column"), V = l("el-table");
      return v(), C("div", null, [
        k("h2", F, s(e(o)("title")), 1),
        t(S, {
          inline: "",
          onSubmit: A(p, ["prevent"])
        }, {
          default: n(() => [
            t(w, {
              error: e(b).text
            }, {
              default: n(() => [
                t(g, {
                  modelValue: e(a).text,
                  "onUpdate:modelValue": d[0] || (d[0] = (r) => e(a).text = r),
                  placeholder: e(o)("placeholder"),
                  maxlength: "200",
                  style: { width: "360px" },
                  "data-test": "note-text"
                }, null, 8, ["modelValue", "placeholder"])
              ]),
              _: 1
            }, 8, ["error"]),
            t(N, {
              type: "primary",
              disabled: !e(f),
              loading: e(x),
              "data-test": "add-note",
              onClick: p
            }, {
              default: n(() => [
                m(s(e(o)("publish")), 1)
              ]),
              _: 1
            }, 8, ["disabled", "loading"])
          ]),
          _: 1
        }),
        t(V, {
          data: e(h),
          border: "",
          "data-test": "notes",
          "empty-text": e(o)("empty")
        }, {
          default: n(() => [
            t(c, {
              prop: "text",
              label: e(o)("text"),
              "min-width": "240"
            }, null, 8, ["label"]),
            t(c, {
              label: e(o)("createdAt"),
              width: "200"
            }, {
              default: n(({ row: r }) => [
                m(s(e(E)(r.created_at)), 1)
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["data", "empty-text"])
      ]);
    };
  }
};
export {
  z as NotesScreen
};
