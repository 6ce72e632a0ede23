export default defineAppConfig({
  "lazyCodeLoading": "requiredComponents",
  "pages": [
    "pages/home/index",
    "pages/me/index"
  ],
  "subPackages": [
    {
      "pages": [
        "pages/addresses/index",
        "pages/address_edit/index",
        "pages/login/index"
      ],
      "root": "kd_account"
    },
    {
      "pages": [
        "pages/ar_view/index"
      ],
      "root": "kd_ar_preview"
    },
    {
      "pages": [
        "pages/coupon_center/index",
        "pages/my_coupons/index"
      ],
      "root": "kd_coupons"
    },
    {
      "pages": [
        "pages/search/index"
      ],
      "root": "kd_discover"
    },
    {
      "pages": [
        "pages/feedback_form/index"
      ],
      "root": "kd_feedback"
    },
    {
      "pages": [
        "pages/checkout/index",
        "pages/pay_result/index",
        "pages/orders/index",
        "pages/order/index",
        "pages/refund/index"
      ],
      "root": "kd_trade"
    },
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
        "iconPath": "assets/tabbar/home.png",
        "pagePath": "pages/home/index",
        "selectedIconPath": "assets/tabbar/home-active.png",
        "text": "首页"
      },
      {
        "iconPath": "assets/tabbar/user.png",
        "pagePath": "pages/me/index",
        "selectedIconPath": "assets/tabbar/user-active.png",
        "text": "我的"
      }
    ],
    "selectedColor": "\u0023ff5000"
  },
  "window": {
    "backgroundColor": "\u0023f5f5f5",
    "navigationBarBackgroundColor": "\u0023ffffff",
    "navigationBarTextStyle": "black",
    "navigationBarTitleText": "小店",
    "navigationStyle": "default"
  }
})
