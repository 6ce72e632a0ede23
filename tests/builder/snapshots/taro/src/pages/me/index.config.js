export default definePageConfig({
  "backgroundColor": "#f5f5f5",
  "enablePullDownRefresh": true,
  "navigationBarBackgroundColor": "#ffffff",
  "navigationBarTextStyle": "black",
  "navigationBarTitleText": "我的"
})
