// Generated from the shop's page configuration. Data only.
export default {
 "blocks": [
  {
   "block_id": "about.0",
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
 "path": "pkg_info/pages/about/index",
 "route": "about",
 "title": "关于"
}
