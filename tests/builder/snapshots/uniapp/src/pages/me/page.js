// Generated from the shop's page configuration. Data only.
export default {
 "blocks": [
  {
   "block_id": "me.0",
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
 "path": "pages/me/index",
 "route": "me",
 "title": "我的"
}
