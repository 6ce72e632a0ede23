"""The builder: merchants' page configurations become Uni-app and Taro mini-program projects."""
