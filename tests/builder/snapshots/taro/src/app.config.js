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
    "backgroundColor": "#ffffff",
    "borderStyle": "black",
    "color": "#7a7e83",
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
    "selectedColor": "#ff5000"
  },
  "window": {
    "backgroundColor": "#f5f5f5",
    "navigationBarBackgroundColor": "#ffffff",
    "navigationBarTextStyle": "black",
    "navigationBarTitleText": "小店"
  }
})
