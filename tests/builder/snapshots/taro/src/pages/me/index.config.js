export default definePageConfig({
  "backgroundColor": "\u0023f5f5f5",
  "enablePullDownRefresh": true,
  "enableShareAppMessage": true,
  "navigationBarBackgroundColor": "\u0023ffffff",
  "navigationBarTextStyle": "black",
  "navigationBarTitleText": "我的"
})
