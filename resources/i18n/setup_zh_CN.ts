<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/setup/dialog.py" line="27"/>
        <source>StudioDesk — first-time setup</source>
        <translation>影楼客怨处理台 — 初始设置</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="32"/>
        <source>Welcome! Enter your studio&apos;s details and the store manager&apos;s account. The address and phone number are printed on the customer&apos;s receipt.</source>
        <translation>欢迎使用！请填写影楼信息和店长账号。地址和电话会印在给顾客的回执上。</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="37"/>
        <source>Studio</source>
        <translation>影楼</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="39"/>
        <source>Studio name:</source>
        <translation>影楼名称：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="39"/>
        <source>e.g. 花嫁婚纱摄影</source>
        <translation>例如：花嫁婚纱摄影</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="40"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="41"/>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="41"/>
        <source>e.g. 021-62345678</source>
        <translation>例如：021-62345678</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="43"/>
        <source>Store manager&apos;s account</source>
        <translation>店长账号</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="45"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="45"/>
        <source>e.g. 王店长</source>
        <translation>例如：王店长</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="46"/>
        <source>Login name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="46"/>
        <source>e.g. manager</source>
        <translation>例如：manager</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="47"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="47"/>
        <source>at least 6 characters</source>
        <translation>至少 6 位</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="48"/>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="50"/>
        <source>Finish setup</source>
        <translation>完成设置</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="50"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/setup/dialog.py" line="77"/>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
</TS>
