export default definePageConfig({
  "backgroundColor": "\u0023f5f5f5",
  "enablePullDownRefresh": false,
  "navigationBarBackgroundColor": "\u0023ffffff",
  "navigationBarTextStyle": "black",
  "navigationBarTitleText": "3D/AR 查看",
  "usingComponents": {
    "kd-xr-viewer": "../../native/kd-xr-viewer/index"
  }
})
