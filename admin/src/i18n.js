// zh-CN by default, en on request; the choice is remembered and sent to the API as Accept-Language.
import { ref } from "vue";
import zhCn from "element-plus/es/locale/lang/zh-cn.mjs";
import en from "element-plus/es/locale/lang/en.mjs";

const STORAGE_KEY = "kaidian.locale";
export const LOCALES = [
  { value: "zh-CN", label: "中文" },
  { value: "en", label: "English" },
];
export const locale = ref(localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh-CN");
export const elementLocale = () => (locale.value === "en" ? en : zhCn);

export function setLocale(value) {
  locale.value = value;
  localStorage.setItem(STORAGE_KEY, value);
  document.documentElement.lang = value;
}

const MESSAGES = {
  "zh-CN": {
    link_pages: "页面", link_outside_hint: "也可输入 url:https://… 外链（域名须在应用设置的外链域名白名单中；小程序内为复制链接）",
    pickProduct: "搜索并选择商品",
    h5Preview: "H5 预览", h5Build: "保存草稿并构建", h5OpenTab: "在新标签页打开", h5Scan: "用手机扫码预览，或复制链接", h5NoToolchain: "服务器未安装 uni-app 构建工具（运行 kaidian build --check 安装），暂不能预览",
    "h5.none": "尚未构建", "h5.building": "构建中（约几分钟）", "h5.ready": "已就绪", "h5.failed": "构建失败",
    refundsTitle: "售后", refundRules: "自动审核规则", noRefunds: "暂无售后申请", refundNo: "售后单号", refundAmount: "退款金额",
    refundReason: "申请原因", refundDescription: "问题描述", review: "处理", returnShipment: "退货物流", returnNotSent: "买家尚未寄回",
    reviewNote: "审核备注", requireReturn: "需要退货", returnAuto: "按发货情况", returnYes: "需要", returnNo: "不需要",
    rejectReason: "拒绝原因", approve: "同意", reject: "拒绝", restock: "退回库存", confirmReturn: "确认收到退货",
    "refund.all": "全部", "refund.requested": "待审核", "refund.approved": "已同意", "refund.rejected": "已拒绝",
    "refund.awaiting_return": "待买家退货", "refund.cancelled": "已撤销", "refund.processing": "退款中", "refund.succeeded": "已退款", "refund.failed": "退款失败",
    "rule.autoUnshipped": "未发货的退款自动同意", "rule.noReasonDays": "7天无理由退货（天）", "rule.noReasonHelp": "签收后 N 天内的无理由退货在收到退货后自动退款，0 为关闭",
    "rule.manualOver": "超过此金额须人工审核（元）", "rule.manualOverHelp": "留空表示不限", "rule.noLimit": "不限", "rule.restock": "退货商品退回库存",
    mediaLibrary: "素材库", uploadMedia: "上传图片/视频/3D 模型", uploadHelp: "图片 ≤ 10MB，视频 ≤ 50MB，GLB 模型 ≤ 20MB", uploaded: "已上传",
    gallery: "商品主图", mainImage: "封面", noGallery: "从素材库选择图片", pick: "选用", unpick: "取消选用", pickFromLibrary: "从素材库选用", upload: "上传", noMedia: "素材库还没有内容，先上传一张", insertImage: "插入图片", bold: "加粗", italic: "斜体", underline: "下划线", heading: "标题", paragraph: "正文", bulletList: "项目列表", numberedList: "编号列表", description: "商品详情", listPrice: "划线价", skuImage: "规格图",
    "media.image": "图片", "media.video": "视频", "media.model": "3D 模型",
    app: "开店 · 商家后台", login: "登录", email: "邮箱", password: "密码", logout: "退出登录",
    loginFailed: "登录失败", shop: "店铺", switchShop: "切换店铺", role: "角色", language: "语言",
    "role.owner": "店主", "role.operator": "运营", "role.customer_service": "客服",
    webhooks: "消息推送", webhooksHelp: "订单事件以签名的 HTTP POST 推送到你的服务器（X-Kaidian-Signature），失败自动重试。",
    addWebhook: "添加推送地址", events: "事件", allEvents: "全部事件", deliveryLog: "推送记录", noDeliveries: "暂无推送记录",
    event: "事件", attempts: "尝试次数", nextAttempt: "下次重试", payload: "内容", redeliver: "重新推送",
    redeliverQueued: "已加入推送队列", noEventsMeansAll: "不选表示订阅全部事件", webhookSecret: "签名密钥",
    webhookSecretOnce: "请立即保存此密钥，它只显示这一次，用于校验推送签名。",
    "delivery.pending": "待推送", "delivery.succeeded": "已送达", "delivery.failed": "失败",
    analytics: "数据分析", "analytics.overview": "经营概览", "analytics.funnel": "转化漏斗", "analytics.paths": "页面路径", "analytics.retention": "留存",
    "analytics.last7": "最近 7 天", "analytics.last30": "最近 30 天", "analytics.last90": "最近 90 天", "analytics.today": "今天",
    "analytics.zoneNote": "日期按店铺的业务时区计算", "analytics.gmv": "成交额 (GMV)", "analytics.paidOrders": "支付订单数", "analytics.averageOrder": "客单价",
    "analytics.payingCustomers": "支付客户数", "analytics.visitors": "访客数", "analytics.conversion": "访问-下单转化率", "analytics.daily": "每日趋势",
    "analytics.anyPage": "任意页面", "analytics.addStep": "添加步骤", "analytics.window": "转化窗口", "analytics.hours": "小时",
    "analytics.splitNone": "不拆分", "analytics.splitKind": "新/老客户", "analytics.splitEntry": "入口页面", "analytics.run": "查询",
    "analytics.step": "步骤", "analytics.stepConversion": "转化率", "analytics.visitorsReached": "到达人数", "analytics.dropOff": "流失率", "analytics.entryPage": "入口页面",
    "analytics.customerKind": "客户类型", "analytics.noEntry": "（无页面浏览）", "analytics.transitions": "页面跳转热力图（来源 × 去向）",
    "analytics.topPaths": "热门路径", "analytics.exit": "（离开）", "analytics.from": "来源页", "analytics.to": "去向页", "analytics.noData": "暂无数据",
    "analytics.cohorts": "留存（按首次访问日期分组）", "analytics.firstSeen": "首次访问", "analytics.cohortSize": "人数",
    blockHeatmap: "数据热力", blockExposures: "曝光", blockClicks: "点击", blockCtr: "点击率", blockHeatmapHelp: "最近 7 天（业务时区）已发布页面的区块数据",
    dashboard: "概况", editor: "店铺装修", plugins: "插件", staff: "员工", customers: "客户",
    palette: "组件库", canvas: "页面", properties: "属性", pageSettings: "页面设置", appSettings: "小程序设置",
    undo: "撤销", redo: "重做", duplicate: "复制", remove: "删除", moveUp: "上移", moveDown: "下移",
    validate: "校验", valid: "配置有效", invalidCount: "{n} 处问题", exportUniapp: "导出 uni-app", exportTaro: "导出 Taro",
    theme: "主题", appName: "小程序名称", linkDomains: "外链域名白名单", linkDomainsHelp: "链接可跳到这些域名的 https 地址（url:https://…）；H5 直接打开，小程序内复制链接", pageTitle: "页面标题", route: "路由", addPage: "新增页面", newPage: "新建页面", blankPage: "空白页", blankPageHelp: "从空白画布开始", blocksCount: "{n} 个组件", tabBar: "底部标签栏",
    emptyCanvas: "从左侧组件库拖拽组件到这里", selectBlock: "在画布中点击组件以编辑属性；Delete 删除，Ctrl+D 复制，Alt+↑↓ 移动",
    unsaved: "未保存", savedWithProblems: "草稿已保存；还有 {n} 处问题，修正后才能发布", fixBeforePublish: "还有 {n} 处问题，修正后才能发布（草稿已保存）",
    restoreUnsaved: "发现上次没有保存的修改，要恢复吗？", restoreTitle: "恢复修改", restore: "恢复", discard: "丢弃",
    leaveUnsaved: "有未保存的修改。离开后修改会保留在本浏览器中，下次打开编辑器时可以恢复。确定离开吗？", leave: "离开", stay: "留下",
    rollbackConfirm: "回滚到第 {n} 版？正在编辑的内容会被替换，可用“撤销”找回。", rolledBack: "已回滚到第 {n} 版（可撤销）", cancel: "取消",
    add: "添加", save: "保存", saved: "已保存", enabled: "已启用", disabled: "已停用", settings: "设置", version: "版本",
    noSettings: "此插件没有可配置项", cancel: "取消", confirm: "确定", name: "名称", displayName: "姓名",
    addStaff: "添加员工", removeConfirm: "确定删除吗？", actions: "操作", components: "组件", themes: "主题",
    shopName: "店铺名称", todayOrders: "今日订单", gmv: "今日成交额", pendingShipments: "待发货", refunds: "待审核退款",
    lowStock: "库存预警", awaitingTrade: "交易模块接入后显示", last7Days: "近7天", paidOrders: "支付订单", day: "日期", draftLocal: "草稿已保存在本浏览器", exported: "已导出",
    nickname: "昵称", phone: "手机", createdAt: "创建时间", versionNote: "说明", saveDraft: "保存草稿", publish: "发布", history: "历史版本",
    rollback: "回滚", published: "已发布", notFound: "页面不存在", pluginScreenFailed: "插件页面加载失败", fixErrors: "请先修正配置中的问题",
    products: "商品", newProduct: "新增商品", editProduct: "编辑商品", productTitle: "商品名称", subtitle: "副标题",
    category: "分类", status: "状态", "status.draft": "草稿", "status.on_sale": "在售", "status.off_sale": "已下架",
    price: "价格", stock: "库存", sales: "销量", edit: "编辑", images: "商品图片", specs: "规格", specName: "规格名，如 颜色",
    specValues: "输入规格值后回车", addSpec: "添加规格", skuMatrix: "SKU 列表", allSkus: "全部 SKU", applyBulk: "批量设置",
    skuCode: "编码", loadMore: "加载更多", categories: "分类", newCategory: "新增分类", addChild: "添加子分类",
    batchShip: "批量发货", batchShipHelp: "每行一个订单：订单号,快递公司,运单号（可带表头）", chooseCsv: "选择 CSV 文件", row: "行",
    shipped: "已发货", failed: "失败", reason: "原因", ship: "发货", carrier: "快递公司", trackingNo: "运单号",
    delivery: "收货信息", recipient: "收货人", deliveryAddress: "收货地址", pickupDelivery: "到店自提（见自提点）", noDeliveryAddress: "未填写收货地址",
    addressBookCurrent: "此订单下单时未保存地址，显示的是顾客地址簿中的当前地址", addressMasked: "客服角色只能看到部分收货信息",
    orders: "订单", allOrders: "全部", orderNo: "订单号", total: "实付", discount: "优惠", paid: "已付", quantity: "数量",
    refundedAmount: "已退款", shippedQuantity: "已发", refundedLine: "已退", refundedUnits: "{n} 件",
    orderCount: "订单数", spent: "消费金额", lastOrder: "最近下单", searchPhone: "按手机号查找", noNickname: "未设置昵称", noPhone: "未绑定",
    customerTags: "标签", editTags: "编辑标签", tagsHint: "输入新标签后回车，或选择已有标签（每个最多 20 字）", noTags: "无",
    cancelOrder: "取消订单", cancelReason: "取消原因", "order.pending_payment": "待付款", "order.paid": "待发货",
    "order.partially_shipped": "部分发货", "order.shipped": "已发货", "order.delivered": "已签收", "order.completed": "已完成",
    "order.cancelled": "已取消", "order.refunding": "退款中", "order.refunded": "已退款",
  },
  en: {
    link_pages: "Pages", link_outside_hint: "Or type an outside link url:https://… (its domain must be on the app settings' allowed link domains; mini-programs copy it)",
    pickProduct: "Search a product",
    h5Preview: "H5 preview", h5Build: "Save draft and build", h5OpenTab: "Open in a new tab", h5Scan: "Scan with a phone to preview, or copy the link", h5NoToolchain: "The uni-app toolchain is not installed on the server (kaidian build --check installs it): no preview yet",
    "h5.none": "Not built yet", "h5.building": "Building (a few minutes)", "h5.ready": "Ready", "h5.failed": "Build failed",
    refundsTitle: "After-sales", refundRules: "Auto-review rules", noRefunds: "No refund requests", refundNo: "Refund no.", refundAmount: "Amount",
    refundReason: "Reason", refundDescription: "Description", review: "Review", returnShipment: "Return shipment", returnNotSent: "Not sent back yet",
    reviewNote: "Note", requireReturn: "Return needed", returnAuto: "If shipped", returnYes: "Yes", returnNo: "No",
    rejectReason: "Rejection reason", approve: "Approve", reject: "Reject", restock: "Back to stock", confirmReturn: "Return received",
    "refund.all": "All", "refund.requested": "To review", "refund.approved": "Approved", "refund.rejected": "Rejected",
    "refund.awaiting_return": "Awaiting return", "refund.cancelled": "Withdrawn", "refund.processing": "Refunding", "refund.succeeded": "Refunded", "refund.failed": "Refund failed",
    "rule.autoUnshipped": "Approve unshipped refunds at once", "rule.noReasonDays": "No-reason returns (days)", "rule.noReasonHelp": "Returns within N days of delivery are refunded once received; 0: off",
    "rule.manualOver": "Staff review above (¥)", "rule.manualOverHelp": "Empty: no limit", "rule.noLimit": "No limit", "rule.restock": "Returned units back to stock",
    mediaLibrary: "Media library", uploadMedia: "Upload image/video/3D model", uploadHelp: "Images ≤ 10 MB, videos ≤ 50 MB, GLB models ≤ 20 MB", uploaded: "Uploaded",
    gallery: "Gallery", mainImage: "Main", noGallery: "Pick images from the library", pick: "Use", unpick: "Remove", pickFromLibrary: "Pick one from the library", upload: "Upload", noMedia: "The library is empty: upload one", insertImage: "Insert image", bold: "Bold", italic: "Italic", underline: "Underline", heading: "Heading", paragraph: "Paragraph", bulletList: "Bulleted list", numberedList: "Numbered list", description: "Description", listPrice: "List price", skuImage: "SKU image",
    "media.image": "Image", "media.video": "Video", "media.model": "3D model",
    webhooks: "Webhooks", webhooksHelp: "Order events are POSTed to your server, signed (X-Kaidian-Signature), and retried on failure.",
    addWebhook: "Add endpoint", events: "Events", allEvents: "All events", deliveryLog: "Delivery log", noDeliveries: "No deliveries yet",
    event: "Event", attempts: "Attempts", nextAttempt: "Next attempt", payload: "Payload", redeliver: "Redeliver",
    redeliverQueued: "Queued for delivery", noEventsMeansAll: "None selected = all events", webhookSecret: "Signing secret",
    webhookSecretOnce: "Save this secret now: it is shown only once and verifies the signatures.",
    "delivery.pending": "Pending", "delivery.succeeded": "Delivered", "delivery.failed": "Failed",
    app: "kaidian · Merchant admin", login: "Sign in", email: "Email", password: "Password", logout: "Sign out",
    loginFailed: "Sign-in failed", shop: "Shop", switchShop: "Switch shop", role: "Role", language: "Language",
    "role.owner": "Owner", "role.operator": "Operator", "role.customer_service": "Customer service",
    analytics: "Analytics", "analytics.overview": "Overview", "analytics.funnel": "Funnel", "analytics.paths": "Page paths", "analytics.retention": "Retention",
    "analytics.last7": "Last 7 days", "analytics.last30": "Last 30 days", "analytics.last90": "Last 90 days", "analytics.today": "Today",
    "analytics.zoneNote": "Days are counted in the shop's business time zone", "analytics.gmv": "GMV", "analytics.paidOrders": "Paid orders", "analytics.averageOrder": "Average order",
    "analytics.payingCustomers": "Paying customers", "analytics.visitors": "Visitors", "analytics.conversion": "Visit-to-order rate", "analytics.daily": "Per day",
    "analytics.anyPage": "Any page", "analytics.addStep": "Add step", "analytics.window": "Window", "analytics.hours": "hours",
    "analytics.splitNone": "No split", "analytics.splitKind": "New / returning", "analytics.splitEntry": "Entry page", "analytics.run": "Run",
    "analytics.step": "Step", "analytics.stepConversion": "Conversion", "analytics.visitorsReached": "Visitors", "analytics.dropOff": "Drop-off", "analytics.entryPage": "Entry page",
    "analytics.customerKind": "Customers", "analytics.noEntry": "(no page view)", "analytics.transitions": "Page transitions (from × to)",
    "analytics.topPaths": "Top paths", "analytics.exit": "(exit)", "analytics.from": "From", "analytics.to": "To", "analytics.noData": "No data yet",
    "analytics.cohorts": "Retention by first-visit day", "analytics.firstSeen": "First seen", "analytics.cohortSize": "Visitors",
    blockHeatmap: "Block data", blockExposures: "Exposures", blockClicks: "Clicks", blockCtr: "CTR", blockHeatmapHelp: "Last 7 days (business time zone) of the published page's blocks",
    dashboard: "Dashboard", editor: "Page editor", plugins: "Plugins", staff: "Staff", customers: "Customers",
    palette: "Components", canvas: "Page", properties: "Properties", pageSettings: "Page settings", appSettings: "App settings",
    undo: "Undo", redo: "Redo", duplicate: "Duplicate", remove: "Delete", moveUp: "Move up", moveDown: "Move down",
    validate: "Validate", valid: "Configuration is valid", invalidCount: "{n} problem(s)", exportUniapp: "Export uni-app", exportTaro: "Export Taro",
    theme: "Theme", appName: "App name", linkDomains: "Allowed link domains", linkDomainsHelp: "Links may go to https addresses on these hosts (url:https://…): H5 opens them, mini-programs copy them", pageTitle: "Page title", route: "Route", addPage: "Add page", newPage: "New page", blankPage: "Blank page", blankPageHelp: "Start from an empty canvas", blocksCount: "{n} blocks", tabBar: "Tab bar",
    emptyCanvas: "Drag components here from the palette", selectBlock: "Click a component on the canvas to edit it; Delete removes it, Ctrl+D duplicates, Alt+↑↓ moves",
    unsaved: "Unsaved", savedWithProblems: "Draft saved; {n} problem(s) to fix before publishing", fixBeforePublish: "{n} problem(s) to fix before publishing (the draft is saved)",
    restoreUnsaved: "There are changes from last time that were not saved. Restore them?", restoreTitle: "Restore changes", restore: "Restore", discard: "Discard",
    leaveUnsaved: "You have unsaved changes. They stay in this browser and can be restored when you open the editor again. Leave?", leave: "Leave", stay: "Stay",
    rollbackConfirm: "Roll back to version {n}? What you are editing is replaced; Undo brings it back.", rolledBack: "Rolled back to version {n} (Undo reverts)", cancel: "Cancel",
    add: "Add", save: "Save", saved: "Saved", enabled: "Enabled", disabled: "Disabled", settings: "Settings", version: "Version",
    noSettings: "This plugin has no settings", cancel: "Cancel", confirm: "OK", name: "Name", displayName: "Name",
    addStaff: "Add staff", removeConfirm: "Delete this?", actions: "Actions", components: "Components", themes: "Themes",
    shopName: "Shop name", todayOrders: "Orders today", gmv: "GMV today", pendingShipments: "Awaiting shipment", refunds: "Refunds to review",
    lowStock: "Low stock", awaitingTrade: "Shown once the trade module is installed", last7Days: "Last 7 days", paidOrders: "Paid orders", day: "Day", draftLocal: "Draft saved in this browser", exported: "Exported",
    nickname: "Nickname", phone: "Phone", createdAt: "Created", versionNote: "Note", saveDraft: "Save draft", publish: "Publish", history: "History",
    rollback: "Roll back", published: "Published", notFound: "Page not found", pluginScreenFailed: "The plugin's screen failed to load", fixErrors: "Fix the problems in the configuration first",
    products: "Products", newProduct: "New product", editProduct: "Edit product", productTitle: "Title", subtitle: "Subtitle",
    category: "Category", status: "Status", "status.draft": "Draft", "status.on_sale": "On sale", "status.off_sale": "Off sale",
    price: "Price", stock: "Stock", sales: "Sales", edit: "Edit", images: "Images", specs: "Specifications", specName: "Name, e.g. Colour",
    specValues: "Type a value, press Enter", addSpec: "Add specification", skuMatrix: "SKUs", allSkus: "All SKUs", applyBulk: "Apply to SKUs",
    skuCode: "Code", loadMore: "Load more", categories: "Categories", newCategory: "New category", addChild: "Add child",
    batchShip: "Batch shipping", batchShipHelp: "One order per line: order_no,carrier,tracking_no (a header line is fine)", chooseCsv: "Choose a CSV file", row: "Row",
    shipped: "Shipped", failed: "Failed", reason: "Reason", ship: "Ship", carrier: "Carrier", trackingNo: "Tracking no.",
    delivery: "Delivery", recipient: "Recipient", deliveryAddress: "Address", pickupDelivery: "Pickup (see the pickup point)", noDeliveryAddress: "No delivery address",
    addressBookCurrent: "This order was placed before orders kept their address: this is the customer's address book entry as it is now", addressMasked: "Customer service sees the delivery details masked",
    orders: "Orders", allOrders: "All", orderNo: "Order no.", total: "Total", discount: "Discount", paid: "Paid", quantity: "Qty",
    refundedAmount: "Refunded", shippedQuantity: "Shipped", refundedLine: "Refunded", refundedUnits: "{n} ×",
    orderCount: "Orders", spent: "Spent", lastOrder: "Last order", searchPhone: "Find by phone", noNickname: "No nickname", noPhone: "None",
    customerTags: "Tags", editTags: "Edit tags", tagsHint: "Type a new tag and press Enter, or pick one (at most 20 characters each)", noTags: "None",
    cancelOrder: "Cancel order", cancelReason: "Reason", "order.pending_payment": "Awaiting payment", "order.paid": "To ship",
    "order.partially_shipped": "Partly shipped", "order.shipped": "Shipped", "order.delivered": "Delivered", "order.completed": "Completed",
    "order.cancelled": "Cancelled", "order.refunding": "Refunding", "order.refunded": "Refunded",
  },
};

const fill = (text, params) => text.replace(/\{(\w+)\}/g, (_, name) => params[name] ?? "");

export function t(key, params = {}) {
  return fill(MESSAGES[locale.value][key] ?? MESSAGES["zh-CN"][key] ?? key, params);
}

// A plugin screen's own texts ({"zh-CN": {...}, en: {...}}), falling back to the admin's (save,
// cancel, status…), so plugins never add keys to this file nor clash with each other.
export function createTranslator(messages) {
  return (key, params = {}) => {
    const text = messages[locale.value]?.[key] ?? messages["zh-CN"]?.[key];
    return text == null ? t(key, params) : fill(text, params);
  };
}

// API texts come as {"zh-CN": ..., "en": ...}.
export function tr(text) {
  if (text == null || typeof text === "string") return text ?? "";
  return text[locale.value] ?? text["zh-CN"] ?? Object.values(text)[0] ?? "";
}
