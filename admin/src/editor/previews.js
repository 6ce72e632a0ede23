// The page editor's canvas draws every block through one contract: the component's own preview
// template (Vue template syntax, served with the component catalogue — see builder/preview.py and
// docs/plugin_authoring.md), compiled here at run time. Plugins are installed after this admin is
// built, so their previews cannot be compiled into the bundle; Vue's runtime compiler turns each
// template into a render function once, the first time the block appears.
//
// Merchant text reaches the page only through {{ }} and bindings, which Vue escapes; rich text
// arrives as the builder's sanitised node tree and is rendered element by element below. The
// server refuses preview templates that use v-html or innerHTML.
import { compile, defineComponent, h, ref } from "vue";
import { locale, tr } from "../i18n.js";
import { yuan as plainYuan } from "../format.js";

// Tags and attributes the builder's rich-text sanitiser can produce (builder/richtext.py).
const RICH_TAGS = new Set(["p", "br", "strong", "b", "em", "i", "u", "span", "h1", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "img", "div"]);
const SAFE_SRC = /^https?:\/\//;

const KdImage = defineComponent({
  name: "KdImage",
  props: { src: { type: String, default: "" }, alt: { type: String, default: "" }, width: { type: String, default: "100%" }, height: { type: String, default: "100%" } },
  setup(props) {
    const failed = ref(false);
    return () => {
      const style = { width: props.width, height: props.height, display: "block" };
      if (!props.src || failed.value || !SAFE_SRC.test(props.src)) {
        return h("div", { class: "kd-preview-image kd-preview-image--empty", style: { ...style, minHeight: props.height === "auto" ? "120px" : undefined }, title: props.alt }, "🖼");
      }
      return h("img", { class: "kd-preview-image", src: props.src, alt: props.alt, style: { ...style, objectFit: "cover" }, onError: () => (failed.value = true) });
    };
  },
});

function richNode(node, index) {
  if (node.type === "text") return node.text ?? "";
  if (!RICH_TAGS.has(node.name)) return (node.children ?? []).map(richNode);
  const attrs = { key: index, class: node.attrs?.class };
  if (node.name === "img") {
    if (!SAFE_SRC.test(node.attrs?.src ?? "")) return null;
    Object.assign(attrs, { src: node.attrs.src, alt: node.attrs.alt ?? "", style: "max-width:100%" });
    return h("img", attrs);
  }
  if (node.name === "br") return h("br", attrs);
  return h(node.name, attrs, (node.children ?? []).map(richNode));
}

const KdRichText = defineComponent({
  name: "KdRichText",
  props: { nodes: { type: Array, default: () => [] } },
  setup: (props) => () => h("div", { class: "kd-preview-rich" }, props.nodes.map(richNode)),
});

const KdNote = defineComponent({
  name: "KdNote",
  setup: (_, { slots }) => () => h("div", { class: "kd-preview-note", "data-test": "preview-note" }, slots.default?.()),
});

// What every preview template may use besides config, data, problem and loading.
const helpers = {
  yuan: (fen) => `¥${plainYuan(fen)}`,
  label: (texts) => tr(texts) || "",
  t: (zh, en) => (locale.value === "en" ? en : zh),
  px: (rpx) => `${Math.round(Number(rpx ?? 0) / 2)}px`,
};

const compiled = new Map();

function addStyle(name, css) {
  if (!css || document.getElementById(`kd-preview-${name}`)) return;
  const style = document.createElement("style");
  style.id = `kd-preview-${name}`;
  style.textContent = css; // CSS from the component's own style template, not merchant data
  document.head.append(style);
}

/** The compiled preview of a catalogue entry, or null when it has none or it does not compile. */
export function previewOf(component) {
  if (!component?.preview?.template) return null;
  if (compiled.has(component.name)) return compiled.get(component.name);
  const problems = [];
  let view = null;
  try {
    const render = compile(component.preview.template, { whitespace: "condense", onError: (error) => problems.push(error) });
    if (!problems.length) {
      addStyle(component.name, component.preview.style);
      view = defineComponent({
        name: `Preview_${component.name}`,
        props: { config: { type: Object, default: () => ({}) }, data: { default: null }, problem: { type: String, default: null }, loading: Boolean },
        components: { KdImage, KdRichText, KdNote },
        setup: () => ({ ...helpers, locale }),
        render,
      });
    }
  } catch (error) {
    problems.push(error);
  }
  if (problems.length) console.warn(`preview of ${component.name} does not compile`, problems);
  compiled.set(component.name, view);
  return view;
}

/** CSS custom properties of a theme for the 375 px canvas (lengths are rpx: halved). */
export function themeVariables(tokens) {
  const style = {};
  for (const [group, values] of Object.entries(tokens ?? {})) {
    for (const [name, value] of Object.entries(values ?? {})) {
      const key = `--kd-${group.replaceAll("_", "-")}-${name.replaceAll("_", "-")}`;
      style[key] = group === "color" ? value : `${Number(value) / 2}px`;
      if (group === "color") style[`--kd-${name.replaceAll("_", "-")}`] = value; // the phone frame's own names
    }
  }
  return style;
}
