export default defineAppConfig({
  "lazyCodeLoading": "requiredComponents",
  "pages": [
    "pages/home/index",
    "pages/me/index"
  ],
  "subPackages": [
    {
      "pages": [
        "pages/about/index"
      ],
      "root": "pkg_info"
    }
  ],
  "tabBar": {
    "backgroundColor": "\u0023ffffff",
    "borderStyle": "black",
    "color": "\u00237a7e83",
    "list": [
      {
        "pagePath": "pages/home/index",
        "text": "首页"
      },
      {
        "pagePath": "pages/me/index",
        "text": "我的"
      }
    ],
    "selectedColor": "\u0023ff5000"
  },
  "window": {
    "backgroundColor": "\u0023f5f5f5",
    "navigationBarBackgroundColor": "\u0023ffffff",
    "navigationBarTextStyle": "black",
    "navigationBarTitleText": "小店"
  }
})
