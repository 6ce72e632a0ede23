// Generated from the shop's page configuration. Data only.
export default {
 "blocks": [
  {
   "data": null,
   "id": "b0",
   "props": {
    "nodes": [
     {
      "attrs": {
       "class": "kd-rt-p"
      },
      "children": [
       {
        "text": "你好",
        "type": "text"
       }
      ],
      "name": "p"
     }
    ]
   },
   "type": "rich_text"
  }
 ],
 "route": "about",
 "title": "关于"
}
