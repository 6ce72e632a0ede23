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
