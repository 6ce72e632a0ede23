// The 3D/AR screen's texts; anything not here (save, cancel, product, actions…) is the admin's.
export default {
  "zh-CN": {
    arTitle: "3D/AR 展示", arHelp: "为商品上传 3D 模型（GLB 或 glTF 2.0）和封面图：小程序用微信 xr-frame 旋转缩放、AR 摆放，H5 用 model-viewer；加载不了时顾客看到封面图。",
    arLimits: "模型 ≤ {mb} MB · 纹理 ≤ {px} px · PNG/JPEG 纹理 · 不支持 Draco/Meshopt/KTX2 压缩", arNew: "上传 3D 模型", arProduct: "商品", arPickProduct: "选择商品",
    arModel: "3D 模型", arModelHint: "GLB 或内嵌资源的 glTF 2.0", arPoster: "封面图", arPosterHint: "模型加载前与加载失败时显示（必填）", arUsdz: "USDZ（可选）", arUsdzHint: "iOS 快速查看（Quick Look）的 AR 文件",
    arChoose: "选择文件", arNone: "还没有商品的 3D 模型", arFigures: "检查结果", arTriangles: "三角面", arTextures: "纹理数", arLargestTexture: "最大纹理", arSize: "文件大小",
    arFormat: "格式", arUpdated: "更新时间", arPreview: "预览", arSaved: "已保存，检查通过", arRemoveConfirm: "移除「{name}」的 3D 模型？模型与封面图仍留在素材库。", arNoTexture: "无",
    arPreviewTitle: "预览：{name}", arLoading: "模型加载中…", arLoaded: "模型已加载",
  },
  en: {
    arTitle: "3D / AR", arHelp: "Give products a 3D model (GLB or glTF 2.0) and a poster: WeChat's xr-frame shows it with orbit, zoom and AR placement in the mini-program, model-viewer on H5; customers see the poster when it cannot load.",
    arLimits: "Model ≤ {mb} MB · textures ≤ {px} px · PNG/JPEG textures · no Draco/Meshopt/KTX2 compression", arNew: "Upload a 3D model", arProduct: "Product", arPickProduct: "Choose a product",
    arModel: "3D model", arModelHint: "GLB, or glTF 2.0 with embedded resources", arPoster: "Poster", arPosterHint: "Shown before the model loads and when it cannot (required)", arUsdz: "USDZ (optional)", arUsdzHint: "For AR in iOS Quick Look",
    arChoose: "Choose file", arNone: "No product has a 3D model yet", arFigures: "Check results", arTriangles: "Triangles", arTextures: "Textures", arLargestTexture: "Largest texture", arSize: "File size",
    arFormat: "Format", arUpdated: "Updated", arPreview: "Preview", arSaved: "Saved: the model passed the checks", arRemoveConfirm: "Remove the 3D model of “{name}”? The model and poster stay in the media library.", arNoTexture: "none",
    arPreviewTitle: "Preview: {name}", arLoading: "Loading the model…", arLoaded: "Model loaded",
  },
};
