<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/signin/dialog.py" line="48"/>
        <source>StudioDesk — sign in</source>
        <translation>影楼客怨处理台 — 登录</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="52"/>
        <source>StudioDesk</source>
        <translation>影楼客怨处理台</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="58"/>
        <source>Complaint desk — please sign in</source>
        <translation>客怨处理台 — 请登录</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="68"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="71"/>
        <source>Who are you?</source>
        <translation>选择用户：</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="72"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="74"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="74"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="116"/>
        <source>Demo accounts (click to fill in):</source>
        <translation>演示账号（点击自动填写）：</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="148"/>
        <source>Please choose your name in the list.</source>
        <translation>请在列表中选择您的名字。</translation>
    </message>
    <message>
        <location filename="../../ui/signin/dialog.py" line="153"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
</TS>
