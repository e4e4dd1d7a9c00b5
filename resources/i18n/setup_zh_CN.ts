<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/setup/dialog.py" line="31"/>
        <source>StudioDesk — first-time setup</source>
        <translation>影楼客怨处理台 — 初始设置</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="36"/>
        <source>Welcome! Enter your studio&apos;s details and the store manager&apos;s account. The address and phone number are printed on the customer&apos;s receipt.</source>
        <translation>欢迎使用！请填写影楼信息和店长账号。地址和电话会印在给顾客的回执上。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="41"/>
        <source>Studio</source>
        <translation>影楼</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="43"/>
        <source>Studio name:</source>
        <translation>影楼名称：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="43"/>
        <source>e.g. 花嫁婚纱摄影</source>
        <translation>例如：花嫁婚纱摄影</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="44"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="45"/>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="45"/>
        <source>e.g. 021-62345678</source>
        <translation>例如：021-62345678</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="47"/>
        <source>Store manager&apos;s account</source>
        <translation>店长账号</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="49"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="49"/>
        <source>e.g. 王店长</source>
        <translation>例如：王店长</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="50"/>
        <source>Login name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="50"/>
        <source>e.g. manager</source>
        <translation>例如：manager</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="51"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="51"/>
        <source>at least 6 characters</source>
        <translation>至少 6 位</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="52"/>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="54"/>
        <source>Finish setup</source>
        <translation>完成设置</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="54"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="84"/>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="95"/>
        <source>Setting up the studio…</source>
        <translation>正在初始化影楼…</translation>
    </message>
</context>
</TS>
