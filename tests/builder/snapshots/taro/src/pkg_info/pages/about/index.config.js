export default definePageConfig({
  "backgroundColor": "#f5f5f5",
  "enablePullDownRefresh": false,
  "navigationBarBackgroundColor": "#ffffff",
  "navigationBarTextStyle": "black",
  "navigationBarTitleText": "关于"
})
