// Generated from the shop's page configuration. Data only.
export default {
 "blocks": [
  {
   "block_id": "home.0",
   "data": null,
   "id": "b0",
   "props": {
    "align": "left",
    "more_link": "",
    "more_text": "",
    "subtitle": "",
    "text": "欢迎光临"
   },
   "type": "title"
  },
  {
   "block_id": "home.1",
   "data": {
    "params": {
     "by": "manual",
     "ids": [
      3,
      1
     ],
     "limit": 6
    },
    "source": "products"
   },
   "id": "b1",
   "props": {
    "layout": "grid2",
    "limit": 6,
    "product_ids": [
     3,
     1
    ],
    "show_buy_button": true,
    "show_price": true,
    "source": "manual",
    "tag": "",
    "title": ""
   },
   "type": "product_grid"
  }
 ],
 "path": "pages/home/index",
 "route": "home",
 "title": "首页"
}
