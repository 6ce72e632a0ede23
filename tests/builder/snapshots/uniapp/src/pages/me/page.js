// Generated from the shop's page configuration. Data only.
export default {
 "blocks": [
  {
   "data": {
    "params": {},
    "source": "me"
   },
   "id": "b0",
   "props": {
    "header_background": "\u0023ff5000",
    "menu": [],
    "show_orders": true
   },
   "type": "user_center"
  }
 ],
 "route": "me",
 "title": "我的"
}
