import { ref as p, reactive as ae, onMounted as le, resolveComponent as c, openBlock as v, createElementBlock as y, createElementVNode as u, toDisplayString as s, unref as t, createVNode as o, withCtx as r, createTextVNode as d, createCommentVNode as G, withModifiers as re, Fragment as O, renderList as E, createBlock as $ } from "vue";
import { ElMessageBox as oe, ElMessage as q } from "element-plus";
import { Upload as se } from "@element-plus/icons-vue";
import { createTranslator as ie, hasRole as ne, when as de, tr as ue, api as P, fieldErrors as ce } from "@kaidian/admin";
const me = {
  "zh-CN": {
    arTitle: "3D/AR 展示",
    arHelp: "为商品上传 3D 模型（GLB 或 glTF 2.0）和封面图：小程序用微信 xr-frame 旋转缩放、AR 摆放，H5 用 model-viewer；加载不了时顾客看到封面图。",
    arLimits: "模型 ≤ {mb} MB · 纹理 ≤ {px} px · PNG/JPEG 纹理 · 不支持 Draco/Meshopt/KTX2 压缩",
    arNew: "上传 3D 模型",
    arProduct: "商品",
    arPickProduct: "选择商品",
    arModel: "3D 模型",
    arModelHint: "GLB 或内嵌资源的 glTF 2.0",
    arPoster: "封面图",
    arPosterHint: "模型加载前与加载失败时显示（必填）",
    arUsdz: "USDZ（可选）",
    arUsdzHint: "iOS 快速查看（Quick Look）的 AR 文件",
    arChoose: "选择文件",
    arNone: "还没有商品的 3D 模型",
    arFigures: "检查结果",
    arTriangles: "三角面",
    arTextures: "纹理数",
    arLargestTexture: "最大纹理",
    arSize: "文件大小",
    arFormat: "格式",
    arUpdated: "更新时间",
    arPreview: "预览",
    arSaved: "已保存，检查通过",
    arRemoveConfirm: "移除「{name}」的 3D 模型？模型与封面图仍留在素材库。",
    arNoTexture: "无",
    arPreviewTitle: "预览：{name}",
    arLoading: "模型加载中…",
    arLoaded: "模型已加载"
  },
  en: {
    arTitle: "3D / AR",
    arHelp: "Give products a 3D model (GLB or glTF 2.0) and a poster: WeChat's xr-frame shows it with orbit, zoom and AR placement in the mini-program, model-viewer on H5; customers see the poster when it cannot load.",
    arLimits: "Model ≤ {mb} MB · textures ≤ {px} px · PNG/JPEG textures · no Draco/Meshopt/KTX2 compression",
    arNew: "Upload a 3D model",
    arProduct: "Product",
    arPickProduct: "Choose a product",
    arModel: "3D model",
    arModelHint: "GLB, or glTF 2.0 with embedded resources",
    arPoster: "Poster",
    arPosterHint: "Shown before the model loads and when it cannot (required)",
    arUsdz: "USDZ (optional)",
    arUsdzHint: "For AR in iOS Quick Look",
    arChoose: "Choose file",
    arNone: "No product has a 3D model yet",
    arFigures: "Check results",
    arTriangles: "Triangles",
    arTextures: "Textures",
    arLargestTexture: "Largest texture",
    arSize: "File size",
    arFormat: "Format",
    arUpdated: "Updated",
    arPreview: "Preview",
    arSaved: "Saved: the model passed the checks",
    arRemoveConfirm: "Remove the 3D model of “{name}”? The model and poster stay in the media library.",
    arNoTexture: "none",
    arPreviewTitle: "Preview: {name}",
    arLoading: "Loading the model…",
    arLoaded: "Model loaded"
  }
}, pe = (L, e) => {
  const w = L.__vccOpts || L;
  for (const [T, g] of e)
    w[T] = g;
  return w;
}, _e = { class: "head" }, ve = { class: "page-title" }, fe = { class: "muted" }, ge = {
  key: 0,
  class: "muted",
  "data-test": "ar-limits"
}, be = { class: "product" }, we = ["src"], he = { class: "hint" }, xe = { class: "hint" }, ye = { class: "hint" }, Pe = {
  key: 0,
  class: "preview"
}, Te = { class: "stage" }, ke = { class: "figures" }, C = "/api/admin/ar-preview", ze = {
  __name: "ArModels",
  setup(L) {
    const e = ie(me), w = ne("owner", "operator"), T = p([]), g = p(null), H = p([]), h = p(!1), M = p(!1), U = p(!1), n = p(null), k = p(!1), m = p({}), _ = ae({ product_id: null, model: null, poster: null, usdz: null });
    function S(i) {
      return i >= 1048576 ? `${(i / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(i / 1024))} KB`;
    }
    function B(i) {
      return i.texture_count ? `${i.max_texture_width}×${i.max_texture_height}` : e("arNoTexture");
    }
    async function D() {
      [T.value, g.value] = await Promise.all([P.get(`${C}/models`), P.get(`${C}/limits`)]);
    }
    async function V(i) {
      const l = await P.get(`/api/admin/catalog/products${i ? `?q=${encodeURIComponent(i)}` : ""}`).catch(() => ({ items: [] }));
      H.value = l.items;
    }
    function Z() {
      Object.assign(_, { product_id: null, model: null, poster: null, usdz: null }), m.value = {}, V(""), h.value = !0;
    }
    function N(i, l) {
      _[i] = l.target.files[0] ?? null;
    }
    async function j() {
      const i = new FormData();
      _.product_id && i.append("product_id", String(_.product_id));
      for (const l of ["model", "poster", "usdz"]) _[l] && i.append(l, _[l]);
      U.value = !0, m.value = {};
      try {
        const l = await P.upload(`${C}/models`, i);
        h.value = !1, q.success(e("arSaved")), await D(), R(l);
      } catch (l) {
        m.value = ce(l), Object.keys(m.value).length || q.error(l.message);
      } finally {
        U.value = !1;
      }
    }
    async function R(i) {
      await import("./model-viewer-CAj1OC7O.mjs"), k.value = !1, n.value = i, M.value = !0;
    }
    async function K(i) {
      await oe.confirm(e("arRemoveConfirm", { name: i.product_title }), { type: "warning" }), await P.delete(`${C}/models/${i.id}`), await D();
    }
    return le(D), (i, l) => {
      const x = c("el-button"), f = c("el-table-column"), I = c("el-table"), J = c("el-option"), Q = c("el-select"), z = c("el-form-item"), X = c("el-form"), A = c("el-dialog"), W = c("model-viewer"), Y = c("el-tag"), b = c("el-descriptions-item"), ee = c("el-descriptions"), te = c("el-alert");
      return v(), y("div", null, [
        u("div", _e, [
          u("h2", ve, s(t(e)("arTitle")), 1),
          o(x, {
            type: "primary",
            icon: t(se),
            disabled: !t(w),
            "data-test": "ar-new",
            onClick: Z
          }, {
            default: r(() => [
              d(s(t(e)("arNew")), 1)
            ]),
            _: 1
          }, 8, ["icon", "disabled"])
        ]),
        u("p", fe, s(t(e)("arHelp")), 1),
        g.value ? (v(), y("p", ge, s(t(e)("arLimits", { mb: Math.round(g.value.max_model_bytes / 1048576), px: g.value.max_texture_px })), 1)) : G("", !0),
        o(I, {
          data: T.value,
          border: "",
          "data-test": "ar-models",
          "empty-text": t(e)("arNone")
        }, {
          default: r(() => [
            o(f, {
              label: t(e)("arProduct"),
              "min-width": "160"
            }, {
              default: r(({ row: a }) => [
                u("div", be, [
                  u("img", {
                    src: a.poster_url,
                    alt: "",
                    class: "thumb"
                  }, null, 8, we),
                  u("span", null, s(a.product_title), 1)
                ])
              ]),
              _: 1
            }, 8, ["label"]),
            o(f, {
              label: t(e)("arTriangles"),
              width: "100"
            }, {
              default: r(({ row: a }) => [
                d(s(a.figures.triangles.toLocaleString()), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            o(f, {
              label: t(e)("arLargestTexture"),
              width: "130"
            }, {
              default: r(({ row: a }) => [
                d(s(B(a.figures)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            o(f, {
              label: t(e)("arSize"),
              width: "110"
            }, {
              default: r(({ row: a }) => [
                d(s(S(a.figures.size_bytes)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            o(f, {
              label: "USDZ",
              width: "80"
            }, {
              default: r(({ row: a }) => [
                d(s(a.ios_src ? "✓" : "—"), 1)
              ]),
              _: 1
            }),
            o(f, {
              label: t(e)("arUpdated"),
              width: "170"
            }, {
              default: r(({ row: a }) => [
                d(s(t(de)(a.updated_at)), 1)
              ]),
              _: 1
            }, 8, ["label"]),
            o(f, {
              label: t(e)("actions"),
              width: "150"
            }, {
              default: r(({ row: a }) => [
                o(x, {
                  link: "",
                  type: "primary",
                  "data-test": "ar-preview",
                  onClick: (F) => R(a)
                }, {
                  default: r(() => [
                    d(s(t(e)("arPreview")), 1)
                  ]),
                  _: 1
                }, 8, ["onClick"]),
                o(x, {
                  link: "",
                  type: "danger",
                  disabled: !t(w),
                  onClick: (F) => K(a)
                }, {
                  default: r(() => [
                    d(s(t(e)("remove")), 1)
                  ]),
                  _: 1
                }, 8, ["disabled", "onClick"])
              ]),
              _: 1
            }, 8, ["label"])
          ]),
          _: 1
        }, 8, ["data", "empty-text"]),
        o(A, {
          modelValue: h.value,
          "onUpdate:modelValue": l[6] || (l[6] = (a) => h.value = a),
          title: t(e)("arNew"),
          width: "620px",
          "data-test": "ar-upload-dialog"
        }, {
          footer: r(() => [
            o(x, {
              onClick: l[5] || (l[5] = (a) => h.value = !1)
            }, {
              default: r(() => [
                d(s(t(e)("cancel")), 1)
              ]),
              _: 1
            }),
            o(x, {
              type: "primary",
              loading: U.value,
              "data-test": "ar-save",
              onClick: j
            }, {
              default: r(() => [
                d(s(t(e)("save")), 1)
              ]),
              _: 1
            }, 8, ["loading"])
          ]),
          default: r(() => [
            o(X, {
              "label-width": "130px",
              onSubmit: l[4] || (l[4] = re(() => {
              }, ["prevent"]))
            }, {
              default: r(() => [
                o(z, {
                  label: t(e)("arProduct"),
                  error: m.value.product_id,
                  required: ""
                }, {
                  default: r(() => [
                    o(Q, {
                      modelValue: _.product_id,
                      "onUpdate:modelValue": l[0] || (l[0] = (a) => _.product_id = a),
                      filterable: "",
                      remote: "",
                      "remote-method": V,
                      placeholder: t(e)("arPickProduct"),
                      style: { width: "100%" },
                      "data-test": "ar-product"
                    }, {
                      default: r(() => [
                        (v(!0), y(O, null, E(H.value, (a) => (v(), $(J, {
                          key: a.id,
                          label: a.title,
                          value: a.id
                        }, null, 8, ["label", "value"]))), 128))
                      ]),
                      _: 1
                    }, 8, ["modelValue", "placeholder"])
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                o(z, {
                  label: t(e)("arModel"),
                  error: m.value.model || m.value.model_media_id,
                  required: ""
                }, {
                  default: r(() => [
                    u("input", {
                      type: "file",
                      accept: ".glb,.gltf,model/gltf-binary,model/gltf+json",
                      "data-test": "ar-model-file",
                      onChange: l[1] || (l[1] = (a) => N("model", a))
                    }, null, 32),
                    u("div", he, s(t(e)("arModelHint")), 1)
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                o(z, {
                  label: t(e)("arPoster"),
                  error: m.value.poster || m.value.poster_media_id,
                  required: ""
                }, {
                  default: r(() => [
                    u("input", {
                      type: "file",
                      accept: "image/*",
                      "data-test": "ar-poster-file",
                      onChange: l[2] || (l[2] = (a) => N("poster", a))
                    }, null, 32),
                    u("div", xe, s(t(e)("arPosterHint")), 1)
                  ]),
                  _: 1
                }, 8, ["label", "error"]),
                o(z, {
                  label: t(e)("arUsdz"),
                  error: m.value.usdz
                }, {
                  default: r(() => [
                    u("input", {
                      type: "file",
                      accept: ".usdz,model/vnd.usdz+zip",
                      "data-test": "ar-usdz-file",
                      onChange: l[3] || (l[3] = (a) => N("usdz", a))
                    }, null, 32),
                    u("div", ye, s(t(e)("arUsdzHint")), 1)
                  ]),
                  _: 1
                }, 8, ["label", "error"])
              ]),
              _: 1
            })
          ]),
          _: 1
        }, 8, ["modelValue", "title"]),
        o(A, {
          modelValue: M.value,
          "onUpdate:modelValue": l[8] || (l[8] = (a) => M.value = a),
          title: n.value ? t(e)("arPreviewTitle", { name: n.value.product_title }) : "",
          width: "720px",
          "data-test": "ar-preview-dialog",
          onClosed: l[9] || (l[9] = (a) => n.value = null)
        }, {
          default: r(() => [
            n.value ? (v(), y("div", Pe, [
              u("div", Te, [
                (v(), $(W, {
                  key: n.value.id,
                  src: n.value.model_url,
                  poster: n.value.poster_url,
                  alt: n.value.product_title,
                  "camera-controls": "",
                  "auto-rotate": "",
                  "shadow-intensity": "1",
                  "data-test": "ar-model-viewer",
                  onLoad: l[7] || (l[7] = (a) => k.value = !0)
                }, null, 8, ["src", "poster", "alt"]))
              ]),
              u("div", ke, [
                o(Y, {
                  type: k.value ? "success" : "info",
                  "data-test": "ar-viewer-state"
                }, {
                  default: r(() => [
                    d(s(k.value ? t(e)("arLoaded") : t(e)("arLoading")), 1)
                  ]),
                  _: 1
                }, 8, ["type"]),
                o(ee, {
                  title: t(e)("arFigures"),
                  column: 1,
                  border: "",
                  size: "small",
                  "data-test": "ar-figures"
                }, {
                  default: r(() => [
                    o(b, {
                      label: t(e)("arFormat")
                    }, {
                      default: r(() => [
                        d(s(n.value.figures.format.toUpperCase()), 1)
                      ]),
                      _: 1
                    }, 8, ["label"]),
                    o(b, {
                      label: t(e)("arSize")
                    }, {
                      default: r(() => [
                        d(s(S(n.value.figures.size_bytes)), 1)
                      ]),
                      _: 1
                    }, 8, ["label"]),
                    o(b, {
                      label: t(e)("arTriangles")
                    }, {
                      default: r(() => [
                        d(s(n.value.figures.triangles.toLocaleString()), 1)
                      ]),
                      _: 1
                    }, 8, ["label"]),
                    o(b, {
                      label: t(e)("arTextures")
                    }, {
                      default: r(() => [
                        d(s(n.value.figures.texture_count), 1)
                      ]),
                      _: 1
                    }, 8, ["label"]),
                    o(b, {
                      label: t(e)("arLargestTexture")
                    }, {
                      default: r(() => [
                        d(s(B(n.value.figures)), 1)
                      ]),
                      _: 1
                    }, 8, ["label"]),
                    o(b, { label: "USDZ" }, {
                      default: r(() => [
                        d(s(n.value.ios_src ? S(n.value.usdz_bytes) : "—"), 1)
                      ]),
                      _: 1
                    })
                  ]),
                  _: 1
                }, 8, ["title"]),
                (v(!0), y(O, null, E(n.value.figures.warnings, (a, F) => (v(), $(te, {
                  key: F,
                  type: "warning",
                  closable: !1,
                  "show-icon": "",
                  title: t(ue)(a),
                  class: "note"
                }, null, 8, ["title"]))), 128))
              ])
            ])) : G("", !0)
          ]),
          _: 1
        }, 8, ["modelValue", "title"])
      ]);
    };
  }
}, Se = /* @__PURE__ */ pe(ze, [["__scopeId", "data-v-941ae40a"]]);
export {
  Se as ArModels
};
